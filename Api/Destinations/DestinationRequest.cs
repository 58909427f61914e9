using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Destinations;

/// <summary>Create (POST) or replace (PUT) a destination. <c>secret</c> only on create; absent means "make one".</summary>
public sealed record DestinationRequest(
    [property: JsonPropertyName("name"), Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: JsonPropertyName("type"), Required] string Type,
    [property: JsonPropertyName("url"), Required, StringLength(2048)] string Url,
    [property: JsonPropertyName("events"), Required, MinLength(1), MaxLength(50)] string[] Events,
    [property: JsonPropertyName("enabled")] bool? Enabled = null,
    [property: JsonPropertyName("max_attempts"), Range(1, 20)] int? MaxAttempts = null,
    [property: JsonPropertyName("secret"), StringLength(100)] string? Secret = null);
