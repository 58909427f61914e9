using System.Text.Json;

namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// One destination type: how its settings are checked, how a payload is delivered and how a connection is tested.
/// Adding a type is a folder under Handlers/ and one registration in <see cref="DeliveriesExtensions"/>. Deliver and
/// test never throw for what the peer does (see <see cref="DeliveryOutcome"/>); they throw only when cancelled.
/// </summary>
public interface IDestinationHandler
{
    string Type { get; }

    /// <summary>Whether the destination needs a credential, makes its own, or has none.</summary>
    SecretUse Secret { get; }

    /// <summary>Parses and checks the settings; problems go to <paramref name="errors"/> by field (<c>config.url</c>).</summary>
    object? ParseConfig(JsonElement config, string? secret, IDictionary<string, string[]> errors);

    Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken);

    /// <summary>A real round trip to the peer that leaves nothing behind where it can avoid it.</summary>
    Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken);
}
