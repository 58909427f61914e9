using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DigitalDelivery.Tests.Identity;

public sealed class TokenEndpointTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    private static readonly Uri TokenUri = new("/connect/token", UriKind.Relative);

    [Fact]
    public async Task Client_secret_post_gets_a_bearer_token_with_the_clients_scopes()
    {
        var tenant = await fixture.CreateTenantAsync("post", "catalog:read", "orders:read");
        using var http = fixture.Factory.CreateClient();

        using var response = await http.PostAsync(TokenUri, Form(("grant_type", "client_credentials"), ("client_id", tenant.ClientId), ("client_secret", tenant.ClientSecret)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<TestTenant.TokenBody>(Ct);
        Assert.Equal("Bearer", body!.TokenType);
        Assert.Equal("catalog:read orders:read", body.Scope);
        Assert.InRange(body.ExpiresIn, 60, 900);
        Assert.Equal(3, body.AccessToken.Split('.').Length);
    }

    [Fact]
    public async Task A_bearer_token_of_another_organization_sent_along_neither_breaks_nor_decides_the_token_request()
    {
        var tenant = await fixture.CreateTenantAsync("token-owner", "orders:read");
        var other = await fixture.CreateTenantAsync("token-other", "orders:read");
        using var http = await other.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.PostAsync(TokenUri, Form(("grant_type", "client_credentials"), ("client_id", tenant.ClientId), ("client_secret", tenant.ClientSecret)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<TestTenant.TokenBody>(Ct))!.AccessToken;
        using var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.Equal(tenant.OrganizationId.ToString(), claims.RootElement.GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task Client_secret_basic_works_and_a_narrower_scope_can_be_requested()
    {
        var tenant = await fixture.CreateTenantAsync("basic", "catalog:read", "orders:read");
        using var http = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUri)
        {
            Content = Form(("grant_type", "client_credentials"), ("scope", "orders:read")),
        };
        request.Headers.Authorization = Basic(tenant.ClientId, tenant.ClientSecret);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("orders:read", (await response.Content.ReadFromJsonAsync<TestTenant.TokenBody>(Ct))!.Scope);
    }

    public static TheoryData<string, string, string, HttpStatusCode> BadRequests => new()
    {
        // case, grant_type, secret kind, expected status
        { "bad secret", "client_credentials", "wrong", HttpStatusCode.Unauthorized },
        { "unknown client", "client_credentials", "unknown-client", HttpStatusCode.Unauthorized },
        { "no client authentication", "client_credentials", "none", HttpStatusCode.Unauthorized },
        { "wrong grant type", "password", "right", HttpStatusCode.BadRequest },
        { "missing grant type", "", "right", HttpStatusCode.BadRequest },
        { "scope the client does not have", "client_credentials", "right+scope", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_token_requests_answer_the_RFC_6749_error_codes(string @case, string grantType, string secretKind, HttpStatusCode expected)
    {
        var tenant = await fixture.CreateTenantAsync("errors", "catalog:read");
        using var http = fixture.Factory.CreateClient();
        var fields = new List<(string, string)>();
        if (grantType.Length > 0)
        {
            fields.Add(("grant_type", grantType));
        }

        switch (secretKind)
        {
            case "wrong": fields.Add(("client_id", tenant.ClientId)); fields.Add(("client_secret", tenant.ClientSecret + "x")); break;
            case "unknown-client": fields.Add(("client_id", "ddc_nobody")); fields.Add(("client_secret", tenant.ClientSecret)); break;
            case "right": fields.Add(("client_id", tenant.ClientId)); fields.Add(("client_secret", tenant.ClientSecret)); break;
            case "right+scope": fields.Add(("client_id", tenant.ClientId)); fields.Add(("client_secret", tenant.ClientSecret)); fields.Add(("scope", "admin")); break;
        }

        using var response = await http.PostAsync(TokenUri, Form([.. fields]), Ct);

        Assert.Equal(expected, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = json.RootElement.GetProperty("error").GetString();
        Assert.Equal(ExpectedError(@case), error);
        Assert.True(json.RootElement.TryGetProperty("error_description", out _));
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        }
    }

    [Fact]
    public async Task A_JSON_body_is_an_invalid_request_not_a_server_error()
    {
        using var http = fixture.Factory.CreateClient();
        using var response = await http.PostAsync(TokenUri, new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_method_than_POST_is_an_invalid_request_not_a_server_error()
    {
        using var http = fixture.Factory.CreateClient();
        using var response = await http.DeleteAsync(TokenUri, Ct);

        // The token endpoint is OpenIddict's: it answers in RFC 6749 terms, not with the framework's 405.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Both_authentication_methods_at_once_are_an_invalid_request()
    {
        var tenant = await fixture.CreateTenantAsync("both", "catalog:read");
        using var http = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUri)
        {
            Content = Form(("grant_type", "client_credentials"), ("client_id", tenant.ClientId), ("client_secret", tenant.ClientSecret)),
        };
        request.Headers.Authorization = Basic(tenant.ClientId, tenant.ClientSecret);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static string ExpectedError(string @case) => @case switch
    {
        "wrong grant type" => "unsupported_grant_type",
        "missing grant type" => "invalid_request",
        "scope the client does not have" => "invalid_scope",
        _ => "invalid_client",
    };

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
