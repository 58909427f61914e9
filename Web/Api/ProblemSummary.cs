using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

/// <summary>The parts of an Api problem+json the portal shows.</summary>
public sealed record ProblemSummary(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("title")] string? Title);
