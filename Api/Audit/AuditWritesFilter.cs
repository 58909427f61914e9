using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.Audit;

/// <summary>
/// On a write group: after a state-changing call (not GET/HEAD/OPTIONS) succeeds, makes sure the audit log has
/// an entry. Endpoints that recorded a specific entry (<see cref="AuditTrail.Record"/>) are left alone; for the
/// rest a generic entry names the route, the entity id from the route and the outcome.
/// </summary>
public sealed partial class AuditWritesFilter(ITenantContext tenant, ILogger<AuditWritesFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return result;
        }

        var status = StatusOf(result) ?? http.Response.StatusCode;
        var audit = http.RequestServices.GetRequiredService<AuditTrail>();
        if (status is >= 200 and < 300 && !audit.HasRecorded)
        {
            if (tenant.OrganizationId is null)
            {
                // An anonymous write (a webhook) must set the tenant it acts for before the audit can name it.
                LogNoTenant(logger, http.Request.Method, http.Request.Path);
                return result;
            }

            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.ToString();
            await audit.WriteAsync(
                action: $"{http.Request.Method} {route}",
                entityType: http.GetEndpoint()?.Metadata.GetMetadata<AuditEntityAttribute>()?.EntityType,
                entityId: http.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null,
                summary: $"{http.Request.Method} {http.Request.Path} answered {status}",
                cancellationToken: http.RequestAborted);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No audit entry for {Method} {Path}: the request has no tenant.")]
    private static partial void LogNoTenant(ILogger logger, string method, PathString path);

    private static int? StatusOf(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return (result as IStatusCodeHttpResult)?.StatusCode;
    }
}
