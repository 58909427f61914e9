using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Clients;

public sealed record CreateApiClientRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1)] string[] Scopes);

public sealed record UpdateApiClientRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1)] string[] Scopes);

public sealed record ApiClientResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("secret_rotated_at")] DateTimeOffset? SecretRotatedAt);

/// <summary>Returned once, when a client is created or its secret rotated: the secret is not stored in clear.</summary>
public sealed record ApiClientWithSecretResponse(
    [property: JsonPropertyName("client")] ApiClientResponse Client,
    [property: JsonPropertyName("client_secret")] string ClientSecret);
