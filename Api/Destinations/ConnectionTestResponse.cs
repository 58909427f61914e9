using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Destinations;

/// <summary>What a signed test call to the destination came to.</summary>
public sealed record ConnectionTestResponse(
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("response_status")] int? ResponseStatus,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("duration_ms")] int DurationMs);
