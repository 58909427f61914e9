using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Clients;

/// <summary>Returned once, when a client is created or its secret rotated: the secret is not stored in clear.</summary>
public sealed record ApiClientWithSecretResponse(
    [property: JsonPropertyName("client")] ApiClientResponse Client,
    [property: JsonPropertyName("client_secret")] string ClientSecret);
