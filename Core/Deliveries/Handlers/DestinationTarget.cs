using DigitalDelivery.Core.Deliveries.Destinations;

namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// A destination opened for one attempt: its row, its settings parsed by its handler, and its credentials in clear
/// (only in memory, only for the call). <see cref="PreviousSecret"/> is set while a rotated webhook secret still signs.
/// </summary>
public sealed record DestinationTarget(Destination Destination, object Config, string? Secret, string? PreviousSecret)
{
    public T ConfigAs<T>() => (T)Config;
}
