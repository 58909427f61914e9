using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record SignInResult(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("user")] SignedInUser User);
