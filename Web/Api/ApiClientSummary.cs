using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record ApiClientSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
