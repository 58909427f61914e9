using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Operations;

/// <summary>Oldest first; pass <c>next</c> as <c>after</c> for the following page (null on the last one).</summary>
public sealed record DeadLetterPageResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<DeadLetterSummaryResponse> Items,
    [property: JsonPropertyName("next")] string? Next);
