namespace DigitalDelivery.Web.Api;

/// <summary>The portal's typed client for the DigitalDelivery Api.</summary>
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
}
