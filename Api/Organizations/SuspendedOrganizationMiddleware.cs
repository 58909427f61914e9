using DigitalDelivery.Api.Problems;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.Organizations;

/// <summary>
/// Refuses every authenticated request of a suspended organization with 403 <c>organization-suspended</c>, tokens
/// issued before the suspension included. Runs after the tenant is resolved, so public endpoints (customer links,
/// downloads, payment webhooks), which have no tenant yet at this point, keep working for the merchant's customers.
/// </summary>
internal sealed class SuspendedOrganizationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(
        HttpContext context, ITenantContext tenant, OrganizationSuspensions suspensions, DeliveryDbContext db, IProblemDetailsService problems)
    {
        if (tenant.OrganizationId is { } organizationId
            && await suspensions.IsSuspendedAsync(organizationId, db, context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Type = ProblemTypes.OrganizationSuspended,
                    Title = "The organization is suspended.",
                    Detail = "This organization's API access and portal are suspended by the platform operator; its customers' links and downloads keep working.",
                },
            });
            return;
        }

        await next(context);
    }
}
