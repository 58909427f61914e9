using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DigitalDelivery.Tests.Contract;

/// <summary>The operations of the Api's OpenAPI document, read from the running Api as a client generator would.</summary>
public static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public sealed record Operation(string Method, string Path, string? OperationId, JsonElement Element)
    {
        public IReadOnlyDictionary<string, JsonElement> Responses =>
            Element.TryGetProperty("responses", out var responses)
                ? responses.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
                : new Dictionary<string, JsonElement>();

        public bool Secured => Element.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;

        public IReadOnlyList<string> Scopes => Secured
            ? [.. Element.GetProperty("security")[0].EnumerateObject().First().Value.EnumerateArray().Select(s => s.GetString()!)]
            : [];

        public IEnumerable<JsonElement> Parameters =>
            Element.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];
    }

    public static async Task<JsonElement> ReadDocumentAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        using var http = factory.CreateClient();
        var json = await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static async Task<IReadOnlyList<Operation>> ReadAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        var document = await ReadDocumentAsync(factory);
        return [.. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(method => Methods.Contains(method.Name))
            .Select(method => new Operation(
                method.Name,
                path.Name,
                method.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null,
                method.Value)))];
    }
}
