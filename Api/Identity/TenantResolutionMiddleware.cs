using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Api.Identity;

/// <summary>Sets the request's tenant from the authenticated principal's org_id claim (after authentication).</summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.GetOrganizationId() is { } organizationId)
        {
            tenant.SetOrganization(organizationId);
        }

        return next(context);
    }
}
