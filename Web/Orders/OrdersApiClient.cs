using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Web.Api;

namespace DigitalDelivery.Web.Orders;

/// <summary>
/// The orders part of the Api, on behalf of the signed-in user (the token is added by ApiTokenHandler). Reads
/// answer null when the user's role may not see orders or the order is not the tenant's.
/// </summary>
public sealed class OrdersApiClient(HttpClient http)
{
    public const int PageSize = 25;

    public async Task<CatalogPage<OrderSummary>?> ListAsync(int page, string? status, CancellationToken cancellationToken)
    {
        var query = $"/api/v1/orders?page={page}&page_size={PageSize}" + (status is null ? "" : $"&status={Uri.EscapeDataString(status)}");
        return await GetAsync<CatalogPage<OrderSummary>>(query, cancellationToken);
    }

    public Task<OrderSummary?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<OrderSummary>($"/api/v1/orders/{id}", cancellationToken);

    public Task<FulfillmentSummary?> GetFulfillmentAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<FulfillmentSummary>($"/api/v1/orders/{id}/fulfillment", cancellationToken);

    /// <returns>Null when the Api accepted; otherwise what it said (e.g. the order cannot be fulfilled now).</returns>
    public async Task<string?> FulfilAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri($"/api/v1/orders/{id}/fulfil", UriKind.Relative), null, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            return "Your role may not fulfil orders.";
        }

        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await response.Content.ReadFromJsonAsync<ProblemSummary>(cancellationToken)
            : null;
        return problem?.Detail ?? problem?.Title ?? $"The Api answered {(int)response.StatusCode}.";
    }

    /// <summary>The order's server-sent events as the Api streams them; the caller relays and disposes.</summary>
    public async Task<HttpResponseMessage> OpenEventsAsync(Guid id, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/orders/{id}/events", UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }
}
