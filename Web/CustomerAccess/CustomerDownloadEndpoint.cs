using DigitalDelivery.Web.Api;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace DigitalDelivery.Web.CustomerAccess;

/// <summary>
/// POST /my/{token}/files/{id}/download: the page's download button. Asks the Api for a fresh file link and sends
/// the browser there (303), so the bytes flow from the Api's download endpoint, never through the Web. No
/// antiforgery: the request needs the page token anyway, and at worst it mints a link nobody else sees.
/// </summary>
public static class CustomerDownloadEndpoint
{
    public static IEndpointRouteBuilder MapCustomerDownloadEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/my/{token}/files/{id:guid}/download", DownloadAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> DownloadAsync(
        string token, Guid id, HttpContext http, ApiClient api, IOptions<CustomerPortalOptions> options, ServiceEndpointResolver resolver,
        CancellationToken cancellationToken)
    {
        var link = await api.RequestFileLinkAsync(token, id, cancellationToken);
        string target;
        if (link is null)
        {
            target = $"/my/{Uri.EscapeDataString(token)}?unavailable={id}";
        }
        else
        {
            var apiBase = options.Value.ApiPublicUrl ?? await ResolveApiAsync(resolver, cancellationToken);
            target = new Uri(apiBase, link.DownloadUrl).AbsoluteUri;
        }

        // 303 See Other: the browser follows a POST with a GET.
        http.Response.Headers.Location = target;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    // The address the Web itself calls the Api at, as the AppHost injects it (services:api:*).
    private static async Task<Uri> ResolveApiAsync(ServiceEndpointResolver resolver, CancellationToken cancellationToken)
    {
        var endpoints = await resolver.GetEndpointsAsync(AdminPortalExtensions.ApiAddress, cancellationToken);
        return endpoints.Endpoints is [{ EndPoint: UriEndPoint api }, ..]
            ? api.Uri
            : throw new InvalidOperationException("The Api's address is not a URL: set CustomerPortal:ApiPublicUrl.");
    }
}
