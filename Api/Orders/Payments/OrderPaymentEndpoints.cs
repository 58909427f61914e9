using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Orders.Payments;

/// <summary>
/// POST /api/v1/orders/{id}/payment: pre-authorises the order's total (key <c>order-{id}:preauth</c>, so a retry
/// never holds the money twice). An approval leaves the order Reserved: it becomes Paid only when the processor's
/// payment.captured webhook arrives. A decline cancels the order with the reason and returns its stock.
/// </summary>
public static class OrderPaymentEndpoints
{
    public static IEndpointRouteBuilder MapOrderPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/orders")
            .WithTags("Orders")
            .RequireAuthorization(Scopes.OrdersWrite)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("order")
            .MapPost("/{id:guid}/payment", PayAsync);
        return app;
    }

    [ProblemResponses(StatusCodes.Status402PaymentRequired, StatusCodes.Status409Conflict)]
    private static async Task<Results<Accepted<OrderResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PayAsync(
        Guid id, PayOrderRequest request, DeliveryDbContext db, IPaymentProvider provider, OrderLifecycle lifecycle, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        var digits = request.CardNumber?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: >= 12 and <= 19 } || !digits.All(char.IsAsciiDigit))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["card_number"] = ["card_number must be 12 to 19 digits."] });
        }

        var order = await db.Set<Order>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        if (order.Status != OrderStatuses.Reserved)
        {
            return OrderEndpoints.TransitionRefused(new OrderTransitionRefusedException(order.Id, order.Status, OrderStatuses.Paid));
        }

        PreAuthorizationResult result;
        try
        {
            result = await provider.PreAuthorizeAsync(
                new PreAuthorizationRequest(new Money(order.TotalMinor, order.Currency), digits, OrderReference.For(order.OrganizationId, order.Id), $"order-{order.Id}:preauth"),
                cancellationToken);
        }
        catch (PaymentProviderUnavailableException)
        {
            // The outcome is unknown: the order stays Reserved; a retry reuses the key, and an approval for an
            // order that expired meanwhile is never captured (the captured webhook only pays Reserved orders).
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: OrderProblemTypes.PaymentUnavailable,
                title: "The payment processor did not answer.",
                detail: "Retry the payment; the same order is never charged twice.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await lifecycle.LockAsync(id, cancellationToken);
        if (locked is null)
        {
            return TypedResults.NotFound();
        }

        switch (result)
        {
            case PreAuthorizationDeclined declined:
                // The processor's payment.declined webhook may have cancelled the order already; both paths agree.
                if (locked.Status == OrderStatuses.Reserved)
                {
                    var reason = $"payment declined: {declined.Reason}";
                    await lifecycle.CancelAsync(locked, reason, cancellationToken);
                    locked.PreauthId = declined.PreauthId;
                    audit.Record(OrderAuditActions.OrderCancelled, "order", locked.Id.ToString(), reason);
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status402PaymentRequired,
                    type: OrderProblemTypes.PaymentDeclined,
                    title: "The card was declined.",
                    detail: $"The processor declined the card ({declined.Reason}); the order was cancelled.",
                    extensions: new Dictionary<string, object?> { ["current_status"] = locked.Status, ["decline_reason"] = declined.Reason.ToString() });
            case PreAuthorizationApproved approved:
                locked.PreauthId ??= approved.PreauthId;
                audit.Record(OrderAuditActions.PaymentAuthorized, "order", locked.Id.ToString(), "card pre-authorised");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await db.Entry(locked).Collection(o => o.Transitions).LoadAsync(cancellationToken);
                return TypedResults.Accepted($"/api/v1/orders/{locked.Id}", OrderResponse.From(locked, withTimeline: true));
            default:
                return OrderEndpoints.TransitionRefused(new OrderTransitionRefusedException(locked.Id, locked.Status, OrderStatuses.Paid));
        }
    }
}
