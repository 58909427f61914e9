namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

/// <summary>A logical service address some HttpClient of this process depends on.</summary>
public sealed record RequiredServiceEndpoint(Uri LogicalAddress);
