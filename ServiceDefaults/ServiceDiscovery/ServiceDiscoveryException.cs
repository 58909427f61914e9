namespace DigitalDelivery.ServiceDefaults.ServiceDiscovery;

/// <summary>A logical service address could not be resolved from configuration.</summary>
public sealed class ServiceDiscoveryException(string message) : InvalidOperationException(message);
