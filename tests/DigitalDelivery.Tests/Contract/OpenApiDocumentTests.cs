using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using DigitalDelivery.Tests.Identity;

namespace DigitalDelivery.Tests.Contract;

/// <summary>/openapi/v1.json describes enough to generate a working client from it alone.</summary>
public sealed class OpenApiDocumentTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    [Fact]
    public async Task Every_operation_has_a_unique_operation_id()
    {
        var operations = await OpenApiOperations.ReadAsync(fixture.Factory);

        var ids = operations.Select(o => o.OperationId).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Empty(ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.True(operations.Count > 60, $"only {operations.Count} operations");
    }

    [Fact]
    public async Task Client_credentials_are_described_and_every_protected_operation_names_its_scopes()
    {
        var document = await OpenApiOperations.ReadDocumentAsync(fixture.Factory);
        var operations = await OpenApiOperations.ReadAsync(fixture.Factory);

        var flow = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2").GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("/connect/token", flow.GetProperty("tokenUrl").GetString());
        Assert.True(flow.GetProperty("scopes").TryGetProperty("orders:write", out _));
        var createOrder = operations.Single(o => o.Method == "post" && o.Path == "/api/v1/orders");
        Assert.Equal(["orders:read", "orders:write"], createOrder.Scopes.Order(StringComparer.Ordinal));
        var download = operations.Single(o => o.Method == "get" && o.Path == "/api/v1/downloads/{token}");
        Assert.False(download.Secured);
        Assert.All(operations.Where(o => o.Secured), o => Assert.Contains("401", o.Responses.Keys));
    }

    [Fact]
    public async Task Every_error_response_is_problem_json()
    {
        var operations = await OpenApiOperations.ReadAsync(fixture.Factory);

        var errors = operations.SelectMany(o => o.Responses.Where(r => r.Key[0] is '4' or '5').Select(r => (o, r.Key, r.Value))).ToList();
        Assert.NotEmpty(errors);
        foreach (var (operation, status, response) in errors.Where(e => e.o.Path != "/connect/token"))
        {
            Assert.True(
                response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                $"{operation.Method} {operation.Path} {status} has no problem+json body");
        }
    }

    [Fact]
    public async Task Endpoint_specific_errors_are_documented()
    {
        var operations = await OpenApiOperations.ReadAsync(fixture.Factory);

        string[] Statuses(string method, string path) => [.. operations.Single(o => o.Method == method && o.Path == path).Responses.Keys];
        Assert.Contains("201", Statuses("post", "/api/v1/orders"));
        Assert.Contains("409", Statuses("post", "/api/v1/orders"));
        Assert.Contains("422", Statuses("post", "/api/v1/orders"));
        Assert.Contains("412", Statuses("put", "/api/v1/products/{id}"));
        Assert.Contains("428", Statuses("put", "/api/v1/products/{id}"));
        Assert.Contains("413", Statuses("post", "/api/v1/files"));
    }

    [Fact]
    public async Task The_upload_documents_its_multipart_and_raw_request_bodies()
    {
        var operations = await OpenApiOperations.ReadAsync(fixture.Factory);

        var upload = operations.Single(o => o.Method == "post" && o.Path == "/api/v1/files");
        var content = upload.Element.GetProperty("requestBody").GetProperty("content");
        var multipart = content.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties");
        Assert.Equal("binary", multipart.GetProperty("file").GetProperty("format").GetString());
        Assert.True(content.TryGetProperty("application/octet-stream", out _));
    }

    [Fact]
    public async Task The_interactive_reference_is_served_in_Development_only()
    {
        await using var development = fixture.Factory.WithWebHostBuilder(web => web.UseEnvironment("Development"));
        using var developer = development.CreateClient();
        using var production = fixture.Factory.CreateClient();

        using var page = await developer.GetAsync(new Uri("/scalar", UriKind.Relative), Ct);
        using var hidden = await production.GetAsync(new Uri("/scalar", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
