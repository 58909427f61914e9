using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Destinations;

/// <summary>
/// Create (POST) or replace (PUT) a destination. <c>config</c> holds the type's settings (docs/deliveries.md);
/// <c>secret</c> is its credential: a webhook's signing secret (only on create; absent means "make one"), an SFTP
/// password or private key, a storage key (on create, or on replace to change it).
/// </summary>
public sealed record DestinationRequest(
    [property: JsonPropertyName("name"), Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: JsonPropertyName("type"), Required] string Type,
    [property: JsonPropertyName("config"), Required] JsonElement Config,
    [property: JsonPropertyName("events"), Required, MinLength(1), MaxLength(50)] string[] Events,
    [property: JsonPropertyName("enabled")] bool? Enabled = null,
    [property: JsonPropertyName("max_attempts"), Range(1, 20)] int? MaxAttempts = null,
    [property: JsonPropertyName("secret"), StringLength(16384, MinimumLength = 1)] string? Secret = null);
