using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DigitalDelivery.Tests.Identity;

public sealed class BadInputTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    private const string Problems = "https://digitaldelivery.dev/problems/";
    private static readonly string[] CatalogRead = ["catalog:read"];

    public static TheoryData<string, string, string, HttpStatusCode, string> Cases => new()
    {
        // case, content type, body, status, problem type
        { "malformed JSON", "application/json", """{"name": "x", "scopes": [""", HttpStatusCode.BadRequest, "bad-request" },
        { "JSON of the wrong shape", "application/json", """{"name": 42, "scopes": "admin"}""", HttpStatusCode.BadRequest, "bad-request" },
        { "wrong content type", "text/plain", "name=x", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type" },
        { "oversized body", "application/json", "{\"name\":\"" + new string('x', 1_100_000) + "\",\"scopes\":[]}", HttpStatusCode.RequestEntityTooLarge, "payload-too-large" },
        { "missing fields", "application/json", "{}", HttpStatusCode.BadRequest, "validation" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_4xx_problem_details_never_500(string @case, string contentType, string body, HttpStatusCode status, string type)
    {
        Assert.NotEmpty(@case);
        var tenant = await fixture.CreateTenantAsync("bad-input");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await http.PostAsync(new Uri("/api/v1/clients", UriKind.Relative), content, Ct);

        Assert.Equal(status, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, Problems + type);
    }

    [Theory]
    [InlineData("nul", "a\u0000b", "U+0000")]
    [InlineData("bell", "ring\u0007", "U+0007")]
    [InlineData("right-to-left override", "invoice\u202Efdp.exe", "U+202E")]
    public async Task Text_with_a_refused_character_is_a_400_naming_the_field_and_nothing_is_stored(string @case, string name, string character)
    {
        Assert.NotEmpty(@case);
        var tenant = await fixture.CreateTenantAsync("invalid-text");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var before = await http.GetAsync(new Uri("/api/v1/clients", UriKind.Relative), Ct);
        var countBefore = (await before.Content.ReadAsStringAsync(Ct)).Length;
        using var content = new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { name, scopes = CatalogRead }), Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/api/v1/clients", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(response, Problems + "invalid-text");
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("$.name", detail, StringComparison.Ordinal);
        Assert.Contains(character, detail, StringComparison.Ordinal);
        using var after = await http.GetAsync(new Uri("/api/v1/clients", UriKind.Relative), Ct);
        Assert.Equal(countBefore, (await after.Content.ReadAsStringAsync(Ct)).Length);
    }

    [Theory]
    [InlineData("/api/v1/clients/not-a-guid")]
    [InlineData("/api/v1/users/not-a-guid")]
    [InlineData("/api/v1/orders/not-a-guid/entitlements")]
    [InlineData("/api/v1/entitlements/12345")]
    public async Task A_malformed_route_id_gets_problem_details_not_an_empty_body(string path)
    {
        var tenant = await fixture.CreateTenantAsync("route-id");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, Problems + "not-found");
    }

    [Fact]
    public async Task Validation_errors_name_the_fields()
    {
        var tenant = await fixture.CreateTenantAsync("validation");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var content = new StringContent("""{"name":"","scopes":["catalog:read"]}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/api/v1/clients", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(response, Problems + "validation");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(fields, f => f.Equals("name", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Unknown_scopes_are_a_validation_problem_on_the_scopes_field()
    {
        var tenant = await fixture.CreateTenantAsync("scopes");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var content = new StringContent("""{"name":"x","scopes":["everything"]}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/api/v1/clients", UriKind.Relative), content, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, Problems + "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _));
    }

    public static TheoryData<string, string, HttpStatusCode, string> Anonymous => new()
    {
        { "GET", "/api/v1/clients", HttpStatusCode.Unauthorized, "unauthorized" },
        { "GET", "/no/such/route", HttpStatusCode.NotFound, "not-found" },
        { "DELETE", "/api/v1/auth/sign-in", HttpStatusCode.MethodNotAllowed, "method-not-allowed" },
        { "GET", "/api/v1/clients/not-a-guid", HttpStatusCode.NotFound, "not-found" },
    };

    [Theory]
    [MemberData(nameof(Anonymous))]
    public async Task Framework_errors_are_problem_details_too(string method, string path, HttpStatusCode status, string type)
    {
        using var http = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(status, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, Problems + type);
    }

    [Fact]
    public async Task An_out_of_range_query_parameter_is_a_validation_problem()
    {
        var tenant = await fixture.CreateTenantAsync("query");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        using var badLimit = await http.GetAsync(new Uri("/api/v1/audit-log?limit=100000", UriKind.Relative), Ct);
        using var notANumber = await http.GetAsync(new Uri("/api/v1/audit-log?limit=abc", UriKind.Relative), Ct);

        await ProblemAssert.IsProblemAsync(badLimit, Problems + "validation");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        await ProblemAssert.IsProblemAsync(notANumber, Problems + "bad-request");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
