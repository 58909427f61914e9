using System.Text;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Orders.Payments;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Orders;

/// <summary>/api/v1/orders: create (Idempotency-Key required), read with timeline, list, cancel, fulfil.</summary>
public static class OrderEndpoints
{
    public const int MaxIdempotencyKeyLength = 100;

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orders")
            .WithTags("Orders")
            .RequireAuthorization(Scopes.OrdersRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("order");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.OrdersWrite);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/events", OrderEventsEndpoint.StreamAsync);
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Scopes.OrdersWrite);
        group.MapOrderFulfillmentEndpoints();
        app.MapOrderPaymentEndpoints();
        return app;
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<OrderResponse>(StatusCodes.Status201Created)]
    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOrderRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http,
        OrderCreation creation,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                type: OrderProblemTypes.IdempotencyKeyRequired,
                title: "An Idempotency-Key header is required.",
                detail: $"Send a unique Idempotency-Key (1 to {MaxIdempotencyKeyLength} characters) and reuse it when retrying the same order.");
        }

        switch (await creation.CreateAsync(idempotencyKey, request, cancellationToken))
        {
            case OrderCreationOutcome.Response response:
                http.Response.Headers.Location = $"/api/v1/orders/{response.OrderId}";
                if (response.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Content(response.Body, "application/json", Encoding.UTF8, response.StatusCode);
            case OrderCreationOutcome.KeyReused:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    type: OrderProblemTypes.IdempotencyKeyReused,
                    title: "The Idempotency-Key was used for another request.",
                    detail: "This key already created an order from a different body; use a new key for a new order.");
            case OrderCreationOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors);
            case OrderCreationOutcome.OutOfStock outOfStock:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    type: OrderProblemTypes.OutOfStock,
                    title: "Not enough stock.",
                    detail: $"Product {outOfStock.ProductId} has fewer units left than ordered.",
                    extensions: new Dictionary<string, object?> { ["product_id"] = outOfStock.ProductId });
            case OrderCreationOutcome.Unavailable unavailable:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    type: OrderProblemTypes.ProductUnavailable,
                    title: "A product cannot be ordered.",
                    detail: unavailable.Detail);
            default:
                throw new InvalidOperationException("Unknown order creation outcome.");
        }
    }

    private static async Task<Results<Ok<OrderResponse>, NotFound>> GetAsync(Guid id, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().AsSplitQuery()
            .Include(o => o.Lines).Include(o => o.Transitions)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(OrderResponse.From(order, withTimeline: true));
    }

    private static async Task<Results<Ok<PageResponse<OrderResponse>>, ValidationProblem>> ListAsync(
        DeliveryDbContext db, string? status, int? page, [FromQuery(Name = "page_size")] int? pageSize, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, sort: null, []) ?? [];
        if (status is not null && !OrderStatuses.All.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", OrderStatuses.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Set<Order>().AsNoTracking().AsSplitQuery().Include(o => o.Lines);
        var filtered = status is null ? query : query.Where(o => o.Status == status);
        var ordered = filtered.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);
        return TypedResults.Ok(await Paging.PageAsync(ordered, page, pageSize, o => OrderResponse.From(o, withTimeline: false), cancellationToken));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, DeliveryDbContext db, OrderLifecycle lifecycle, AuditTrail audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await lifecycle.LockAsync(id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            await lifecycle.CancelAsync(order, "cancelled by the merchant", cancellationToken);
        }
        catch (OrderTransitionRefusedException refused)
        {
            return TransitionRefused(refused);
        }

        audit.Record(OrderAuditActions.OrderCancelled, "order", order.Id.ToString(), "cancelled by the merchant");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await db.Entry(order).Collection(o => o.Transitions).LoadAsync(cancellationToken);
        return TypedResults.Ok(OrderResponse.From(order, withTimeline: true));
    }

    /// <summary>409 with the order's current state and the moves it still allows.</summary>
    public static ProblemHttpResult TransitionRefused(OrderTransitionRefusedException refused) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        type: OrderProblemTypes.InvalidOrderTransition,
        title: "The order cannot make this transition.",
        detail: $"The order is {refused.CurrentStatus}; it cannot become {refused.RequestedStatus}.",
        extensions: new Dictionary<string, object?>
        {
            ["current_status"] = refused.CurrentStatus,
            ["requested_status"] = refused.RequestedStatus,
            ["allowed"] = OrderStateMachine.AllowedFrom(refused.CurrentStatus).Order(StringComparer.Ordinal).ToArray(),
        });
}
