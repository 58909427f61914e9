using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Clients;

public sealed record ApiClientResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("secret_rotated_at")] DateTimeOffset? SecretRotatedAt);
