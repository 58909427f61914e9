using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Core.Fulfillment;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Orders;

/// <summary>
/// An order's fulfillment: read its tasks, and fulfil by hand — a Paid order whose products do not fulfil on
/// payment, or a Fulfilling one whose tasks failed or are failing (their last error stays visible until they succeed).
/// </summary>
public static class OrderFulfillmentEndpoints
{
    public static RouteGroupBuilder MapOrderFulfillmentEndpoints(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id:guid}/fulfillment", GetAsync);
        orders.MapPost("/{id:guid}/fulfil", FulfilAsync).RequireAuthorization(Scopes.OrdersWrite);
        return orders;
    }

    private static async Task<Results<Ok<OrderFulfillmentResponse>, NotFound>> GetAsync(
        Guid id, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var status = await db.Set<Order>().Where(o => o.Id == id).Select(o => o.Status).SingleOrDefaultAsync(cancellationToken);
        return status is null ? TypedResults.NotFound() : TypedResults.Ok(await ResponseAsync(db, id, status, cancellationToken));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Accepted<OrderFulfillmentResponse>, NotFound, ProblemHttpResult>> FulfilAsync(
        Guid id, DeliveryDbContext db, OrderLifecycle lifecycle, FulfillmentPlanner planner, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await lifecycle.LockAsync(id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        var failed = (await db.Set<FulfillmentTask>().Where(t => t.OrderId == id).ToListAsync(cancellationToken)).Where(t => t.IsFailing).ToList();
        if (!(order.Status == OrderStatuses.Paid || (order.Status == OrderStatuses.Fulfilling && failed.Count > 0)))
        {
            return NotFulfillable(order.Status);
        }

        foreach (var task in failed)
        {
            task.Status = FulfillmentTaskStatuses.Pending;
            task.UpdatedAt = time.GetUtcNow();
        }

        // No dedupe key: each call is a deliberate new attempt, and a repeat finds the order fulfilled and does nothing.
        await planner.RequestAsync(order, dedupeKey: null, cancellationToken);
        audit.Record(OrderAuditActions.FulfillmentRequested, "order", order.Id.ToString(), $"manual fulfil from {order.Status}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/orders/{id}/fulfillment", await ResponseAsync(db, id, order.Status, cancellationToken));
    }

    private static async Task<OrderFulfillmentResponse> ResponseAsync(DeliveryDbContext db, Guid orderId, string status, CancellationToken cancellationToken)
    {
        var tasks = await db.Set<FulfillmentTask>().AsNoTracking()
            .Where(t => t.OrderId == orderId).OrderBy(t => t.Type)
            .ToListAsync(cancellationToken);
        return new OrderFulfillmentResponse(orderId, status, tasks.Select(FulfillmentTaskResponse.From).ToList());
    }

    private static ProblemHttpResult NotFulfillable(string status) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: OrderProblemTypes.NotFulfillable,
        title: "The order cannot be fulfilled now.",
        detail: $"The order is {status}. Only a paid order, or one whose fulfillment failed, can be fulfilled by hand.",
        extensions: new Dictionary<string, object?> { ["current_status"] = status });
}
