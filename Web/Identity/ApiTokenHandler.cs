using Microsoft.AspNetCore.Authentication;

namespace DigitalDelivery.Web.Identity;

/// <summary>
/// Attaches the signed-in user's Api token (kept server-side in the encrypted auth cookie) to calls to the Api,
/// so the Api sees the user, tenant and role. Nothing secret goes to the browser's script.
/// </summary>
public sealed class ApiTokenHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && httpContextAccessor.HttpContext is { } http
            && await http.GetTokenAsync(PortalClaims.AccessTokenName) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
