using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Tests.Identity;

/// <summary>An organization made for a test, with one API client whose secret the test knows.</summary>
public sealed record TestTenant(Guid OrganizationId, Guid ClientRowId, string ClientId, string ClientSecret)
{
    public async Task<string> GetTokenAsync(HttpClient http, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = ClientSecret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>(TestContext.Current.CancellationToken);
        return body!.AccessToken;
    }

    public async Task<HttpClient> AuthorizedClientAsync(ApiFactory factory, string? scope = null)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(http, scope));
        return http;
    }

    public sealed record TokenBody(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope);
}
