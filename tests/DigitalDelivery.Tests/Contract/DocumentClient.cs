using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DigitalDelivery.Tests.Contract;

/// <summary>
/// A client that knows the Api only through its OpenAPI document, as a generated client would: operations are
/// found by operationId, paths and parameters come from the document, a request body may only use a content type
/// the document lists, and every answer must carry a status the document declares for that operation.
/// </summary>
public sealed class DocumentClient(HttpClient http, JsonElement document, IReadOnlyList<OpenApiOperations.Operation> operations)
{
    public string? AccessToken { get; set; }

    /// <summary>Client credentials at the token URL the document's oauth2 scheme names, with the form it documents.</summary>
    public async Task AuthenticateAsync(string clientId, string clientSecret)
    {
        var tokenUrl = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2")
            .GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString()!;
        var token = operations.Single(o => o.Method == "post" && o.Path == tokenUrl);
        Assert.True(token.Element.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-www-form-urlencoded", out _));
        using var response = await http.PostAsync(new Uri(tokenUrl, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret,
        }), Ct);
        AssertDocumented(token, response);
        AccessToken = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> CallAsync(
        string operationId, object? body = null, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var operation = Find(operationId);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), new Uri(Url(operation, parameters), UriKind.Relative));
        AddHeaders(operation, request, parameters);
        if (body is not null)
        {
            Assert.True(
                operation.Element.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out _),
                $"{operationId} documents no JSON body");
            request.Content = JsonContent.Create(body);
        }

        return await SendAsync(operation, request);
    }

    /// <summary>Uploads a file the way the operation's multipart/form-data schema describes it.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> UploadAsync(string operationId, byte[] bytes, string fileName)
    {
        var operation = Find(operationId);
        var schema = operation.Element.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var part = schema.GetProperty("required")[0].GetString()!;
        Assert.Equal("binary", schema.GetProperty("properties").GetProperty(part).GetProperty("format").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url(operation, null), UriKind.Relative));
        AddHeaders(operation, request, null);
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, part, fileName);
        request.Content = content;
        return await SendAsync(operation, request);
    }

    private OpenApiOperations.Operation Find(string operationId) =>
        operations.SingleOrDefault(o => o.OperationId == operationId)
        ?? throw new InvalidOperationException($"The document has no operation {operationId}.");

    private static string Url(OpenApiOperations.Operation operation, IReadOnlyDictionary<string, string>? parameters)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.GetProperty("in").GetString();
            var given = parameters?.GetValueOrDefault(name);
            if (location == "path")
            {
                Assert.True(given is not null, $"{operation.OperationId} needs path parameter {name}");
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(given), StringComparison.Ordinal);
            }
            else if (location == "query" && given is not null)
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(given)}");
            }
        }

        Assert.DoesNotContain('{', path);
        var documented = operation.Parameters.Select(p => p.GetProperty("name").GetString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(parameters?.Keys ?? [], name => Assert.True(documented.Contains(name), $"{operation.OperationId} documents no parameter {name}"));
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private void AddHeaders(OpenApiOperations.Operation operation, HttpRequestMessage request, IReadOnlyDictionary<string, string>? parameters)
    {
        if (operation.Secured)
        {
            Assert.NotNull(AccessToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        foreach (var parameter in operation.Parameters.Where(p => p.GetProperty("in").GetString() == "header"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            var required = parameter.TryGetProperty("required", out var r) && r.GetBoolean();
            var given = parameters?.GetValueOrDefault(name);
            Assert.False(required && given is null, $"{operation.OperationId} requires header {name}");
            if (given is not null)
            {
                request.Headers.TryAddWithoutValidation(name, given);
            }
        }
    }

    private async Task<(HttpStatusCode, JsonElement, HttpResponseHeaders)> SendAsync(OpenApiOperations.Operation operation, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, Ct);
        AssertDocumented(operation, response);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return (response.StatusCode, body, response.Headers);
    }

    private static void AssertDocumented(OpenApiOperations.Operation operation, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(operation.Responses.ContainsKey(status),
            $"{operation.OperationId} answered {status}, which the document does not declare ({string.Join(", ", operation.Responses.Keys)})");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
