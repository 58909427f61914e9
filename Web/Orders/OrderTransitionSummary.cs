using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Orders;

public sealed record OrderTransitionSummary(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("cause")] string Cause,
    [property: JsonPropertyName("at")] DateTimeOffset At);
