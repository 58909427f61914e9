using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Orders;

public sealed record ProblemSummary(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail);
