using System.Text.Json.Serialization;
using DigitalDelivery.Core.Fulfillment;

namespace DigitalDelivery.Api.Orders;

public sealed record FulfillmentTaskResponse(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt)
{
    public static FulfillmentTaskResponse From(FulfillmentTask task) =>
        new(task.Type, task.Status, task.Attempts, task.LastError, task.CreatedAt, task.UpdatedAt, task.CompletedAt);
}
