using System.Net.Http.Json;
using System.Text.Json;

namespace DigitalDelivery.Tests.Orders;

/// <summary>Builds and sends order requests the way a client would.</summary>
public static class OrderRequests
{
    public static object Body(params (Guid ProductId, int Quantity)[] lines) => BodyFor("buyer@example.com", lines);

    public static object BodyFor(string customerEmail, params (Guid ProductId, int Quantity)[] lines) => new
    {
        customer_email = customerEmail,
        customer_name = "Bea Buyer",
        lines = lines.Select(l => new { product_id = l.ProductId, quantity = l.Quantity }).ToArray(),
    };

    public static async Task<HttpResponseMessage> CreateAsync(HttpClient http, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> GetAsync(HttpClient http, Guid orderId)
    {
        using var response = await http.GetAsync(new Uri($"/api/v1/orders/{orderId}", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonAsync(response);
    }
}
