using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Identity.SignIn;

/// <summary>A portal user's short-lived access token; the Web portal keeps it server-side in its auth cookie.</summary>
public sealed record SignInResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("user")] CurrentUserResponse User);

public sealed record CurrentUserResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("actor_type")] string ActorType,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes);
