using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace DigitalDelivery.Api.Identity;

/// <summary>
/// Sets the request's tenant from the authenticated principal's org_id claim (after authentication). Public
/// endpoints (<see cref="IAllowAnonymous"/>: tokens, webhooks, customer links, downloads) are skipped: they learn
/// their tenant from what they verify (a client secret, a link token, a signed reference), and a bearer token of
/// another organization sent along must neither decide their tenant nor clash with it.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && context.User.Identity?.IsAuthenticated == true && context.User.GetOrganizationId() is { } organizationId)
        {
            tenant.SetOrganization(organizationId);
        }

        return next(context);
    }
}
