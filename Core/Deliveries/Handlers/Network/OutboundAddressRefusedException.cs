namespace DigitalDelivery.Core.Deliveries.Handlers.Network;

/// <summary>A destination's host resolved only to addresses destinations may not reach.</summary>
public sealed class OutboundAddressRefusedException(string host)
    : Exception($"{host} resolves to a private, loopback or link-local address, which destinations may not reach.")
{
    public string Host { get; } = host;
}
