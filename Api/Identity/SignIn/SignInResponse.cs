using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Identity.SignIn;

/// <summary>A portal user's short-lived access token; the Web portal keeps it server-side in its auth cookie.</summary>
public sealed record SignInResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("user")] CurrentUserResponse User);
