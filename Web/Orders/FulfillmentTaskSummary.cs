using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Orders;

public sealed record FulfillmentTaskSummary(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);
