using System.Text.Json.Serialization;
using DigitalDelivery.Core.Orders;

namespace DigitalDelivery.Api.Orders;

public sealed record OrderTransitionResponse(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("cause")] string Cause,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    public static OrderTransitionResponse Of(OrderTransition transition) =>
        new(transition.FromStatus, transition.ToStatus, transition.Cause, transition.OccurredAt);
}
