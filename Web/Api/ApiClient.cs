using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DigitalDelivery.Web.Api;

/// <summary>
/// The portal's typed client for the DigitalDelivery Api. Calls made while a user is signed in carry that user's
/// Api token (see Identity/ApiTokenHandler).
/// </summary>
public sealed class ApiClient(HttpClient http)
{
    /// <summary>True when the Api answers its readiness probe.</summary>
    public async Task<bool> IsApiReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Exchanges a user's credentials for a user token; null when the Api refuses them.</summary>
    public async Task<SignInResult?> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/auth/sign-in", UriKind.Relative), new { email, password }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SignInResult>(cancellationToken);
    }

    public async Task SignOutAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/auth/sign-out", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);

        // An expired token cannot be audited any more; the cookie is removed regardless.
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>The tenant's API clients, or null when the signed-in user may not see them.</summary>
    public async Task<IReadOnlyList<ApiClientSummary>?> ListApiClientsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/api/v1/clients", UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<ApiClientSummary>>(cancellationToken);
    }

    /// <summary>A page of the tenant's products, newest first, or null when the signed-in user may not see the catalog.</summary>
    public Task<CatalogPage<ProductSummary>?> ListProductsAsync(int page, CancellationToken cancellationToken) =>
        GetPageAsync<ProductSummary>($"/api/v1/products?page={page}&page_size=25", cancellationToken);

    /// <summary>A page of the tenant's uploaded files, newest first, or null when the signed-in user may not see the catalog.</summary>
    public Task<CatalogPage<FileSummary>?> ListFilesAsync(int page, CancellationToken cancellationToken) =>
        GetPageAsync<FileSummary>($"/api/v1/files?page={page}&page_size=25", cancellationToken);

    /// <summary>The customer's page of an order; null when the token is malformed, unknown or retired.</summary>
    public async Task<CustomerPage?> GetCustomerPageAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/api/v1/my/{Uri.EscapeDataString(token)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CustomerPage>(cancellationToken);
    }

    /// <summary>A fresh file link (the Api's download path); null when the file cannot be downloaded now.</summary>
    public async Task<CustomerFileLink?> RequestFileLinkAsync(string token, Guid fileId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(
            new Uri($"/api/v1/my/{Uri.EscapeDataString(token)}/files/{fileId}/link", UriKind.Relative), content: null, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CustomerFileLink>(cancellationToken);
    }

    /// <summary>Asks for fresh links to be mailed to an address; the Api answers alike for known and unknown addresses.</summary>
    public async Task<ResendOutcome> RequestResendAsync(string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/my/resend", UriKind.Relative), new { email }, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => ResendOutcome.TooManyRequests,
            HttpStatusCode.BadRequest => ResendOutcome.InvalidAddress,
            _ when response.IsSuccessStatusCode => ResendOutcome.Accepted,
            _ => throw new HttpRequestException($"The Api answered {(int)response.StatusCode} to a resend.", null, response.StatusCode),
        };
    }

    /// <summary>An order's entitlements, or null when the order is unknown or the signed-in user may not manage downloads.</summary>
    public async Task<IReadOnlyList<EntitlementSummary>?> ListEntitlementsAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/api/v1/orders/{orderId}/entitlements", UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<EntitlementSummary>>(cancellationToken);
    }

    /// <summary>An operator action on an entitlement (revoke, reissue, extend, reset-count); the Api's problem title when refused.</summary>
    public async Task<string?> EntitlementActionAsync(Guid id, string action, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri($"/api/v1/entitlements/{id}/{action}", UriKind.Relative), body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var problem = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
            ? await response.Content.ReadFromJsonAsync<ProblemSummary>(cancellationToken)
            : null;
        return problem?.Title ?? $"The Api answered {(int)response.StatusCode}.";
    }

    private async Task<CatalogPage<T>?> GetPageAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CatalogPage<T>>(cancellationToken);
    }
}
