namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

/// <summary>A logical service address (such as <c>https+http://api</c>) some HttpClient of this process depends on.</summary>
public sealed record RequiredService(string LogicalAddress);
