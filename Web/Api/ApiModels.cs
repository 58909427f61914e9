using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record SignInResult(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("user")] SignedInUser User);

public sealed record SignedInUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);

public sealed record ApiClientSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
