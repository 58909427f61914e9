namespace DigitalDelivery.Core.Deliveries.Handlers.Network;

/// <summary>Configuration section <c>Deliveries:Network</c>.</summary>
public sealed class OutboundNetworkOptions
{
    public const string SectionName = "Deliveries:Network";

    /// <summary>
    /// Lets destinations reach loopback and private addresses. Off in production: a merchant's URL must not reach
    /// our own network (cloud metadata, the database, internal services). The AppHost turns it on for local runs,
    /// and tests do, because their peers listen on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
