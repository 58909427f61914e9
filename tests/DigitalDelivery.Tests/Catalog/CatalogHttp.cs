using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>Small helpers for calling the catalog endpoints in tests.</summary>
internal static class CatalogHttp
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public static async Task<HttpResponseMessage> UploadRawAsync(HttpClient http, byte[] content, string name, string contentType = "application/octet-stream")
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files") { Content = body };
        request.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
        return await http.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> UploadMultipartAsync(HttpClient http, byte[] content, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(new StringContent("ignored"), "description");
        form.Add(file, "file", name);
        return await http.PostAsync(new Uri("/api/v1/files", UriKind.Relative), form, Ct);
    }

    public static async Task<Guid> UploadAsync(HttpClient http, byte[] content, string name)
    {
        using var response = await UploadRawAsync(http, content, name);
        return (await ExpectAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> CreateProductAsync(HttpClient http, string sku, string type = "download", string? status = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/products",
            new { sku, name = $"Product {sku}", type, price_minor = 1999, currency = "EUR", status }, Ct);
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(HttpClient http, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request, Ct);
    }

    public static string UniqueSku(string prefix = "SKU") => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
}
