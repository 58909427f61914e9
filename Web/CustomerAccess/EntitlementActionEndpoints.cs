using DigitalDelivery.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Web.CustomerAccess;

/// <summary>
/// The admin portal's entitlement buttons: POST /orders/{orderId}/entitlements/{id}/{action} (antiforgery, signed in)
/// calls the Api with the user's token (the Api checks downloads:admin and audits), then returns to the order's page.
/// </summary>
public static class EntitlementActionEndpoints
{
    private static readonly string[] Actions = ["revoke", "reissue", "extend", "reset-count"];

    public static IEndpointRouteBuilder MapEntitlementActionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/orders/{orderId:guid}/entitlements/{id:guid}/{action}", ActAsync)
            .RequireAuthorization()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> ActAsync(
        Guid orderId, Guid id, string action, [FromForm] string? reason, [FromForm] int? days, ApiClient api, CancellationToken cancellationToken)
    {
        if (!Actions.Contains(action, StringComparer.Ordinal))
        {
            return TypedResults.NotFound();
        }

        object body = action switch
        {
            "revoke" => new { reason },
            "extend" => new { days },
            _ => new { },
        };
        var refused = await api.EntitlementActionAsync(id, action, body, cancellationToken);
        var page = $"/orders/{orderId}/entitlements";
        return TypedResults.LocalRedirect(refused is null ? $"{page}?done={action}" : $"{page}?error={Uri.EscapeDataString(refused)}");
    }
}
