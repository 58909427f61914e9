using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>RFC 7517 key set, as published at /.well-known/jwks.json.</summary>
public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKey> Keys);
