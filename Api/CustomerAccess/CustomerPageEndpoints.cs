using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>
/// /api/v1/my/{orderToken}: the customer's page of an order, public (the token is the credential) and limited per IP.
/// File links are minted when the customer asks for one (POST .../files/{id}/link), not on every page view: a file
/// link lives an hour, so a page left open, reloaded or fetched by a mail client's link preview neither leaves
/// dead buttons behind nor piles up rows; the customer gets a full hour from the click.
/// </summary>
public static class CustomerPageEndpoints
{
    public const string DownloadPath = "/api/v1/downloads/";

    public static IEndpointRouteBuilder MapCustomerPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/my")
            .WithTags("Customer access")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PublicPerIp);
        group.MapGet("/{orderToken}", GetPageAsync);
        group.MapPost("/{orderToken}/files/{id:guid}/link", MintFileLinkAsync);
        return app;
    }

    private static async Task<Results<Ok<CustomerPageResponse>, ProblemHttpResult>> GetPageAsync(
        string orderToken,
        CustomerOrderLinks orderLinks,
        DeliveryDbContext db,
        EntitlementViews views,
        OrderLicenseKeys licenseKeys,
        CancellationToken cancellationToken)
    {
        if (await orderLinks.FindAsync(orderToken, cancellationToken) is not OrderLinkLookup.Found found)
        {
            return LinkProblem(orderToken);
        }

        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == found.Link.OrderId, cancellationToken);
        var files = (await views.ForOrderAsync(order.Id, cancellationToken)).Select(v => new CustomerFileResponse(
            v.Access.Id,
            v.AssetName,
            v.File?.FileName,
            v.File?.SizeBytes,
            v.Access.DownloadsLeft,
            v.Access.MaxDownloads,
            v.Access.ExpiresAt,
            v.State)).ToList();
        var keys = (await licenseKeys.ListAsync(order.Id, cancellationToken))
            .Select(k => new CustomerLicenseKeyResponse(k.ProductName, k.Key)).ToList();
        return TypedResults.Ok(new CustomerPageResponse(
            new CustomerOrderResponse(OrderNumbers.Of(order.Id), order.CreatedAt, order.CustomerName), files, keys));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<FileLinkResponse>, ProblemHttpResult>> MintFileLinkAsync(
        string orderToken,
        Guid id,
        CustomerOrderLinks orderLinks,
        DeliveryDbContext db,
        EntitlementViews views,
        DownloadLinks links,
        TimeProvider time,
        IOptions<EntitlementOptions> options,
        CancellationToken cancellationToken)
    {
        if (await orderLinks.FindAsync(orderToken, cancellationToken) is not OrderLinkLookup.Found found)
        {
            return LinkProblem(orderToken);
        }

        var access = await db.Set<DownloadAccess>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && a.OrderId == found.Link.OrderId, cancellationToken);
        if (access is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "This order has no such file.");
        }

        var view = await views.ViewAsync(access, cancellationToken);
        if (view.State != AccessStates.Available)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: ProblemTypes.EntitlementNotAvailable,
                title: "This file cannot be downloaded.",
                detail: $"The file is {view.State}.",
                extensions: new Dictionary<string, object?> { ["state"] = view.State });
        }

        var token = links.MintFileLink(access);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new FileLinkResponse(DownloadPath + token, time.GetUtcNow() + options.Value.FileLinkLifetime));
    }

    private static ProblemHttpResult LinkProblem(string token) => DownloadToken.TryHash(token, out _)
        ? TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            type: ProblemTypes.UnknownLink,
            title: "This link does not work (any more).",
            detail: "Links are replaced when a new one is sent. Ask for fresh links with your email address.")
        : TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            type: ProblemTypes.InvalidLinkToken,
            title: "This is not a valid link.",
            detail: "Check that the whole link was copied.");
}
