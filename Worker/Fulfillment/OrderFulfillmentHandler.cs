using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Fulfillment;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Worker.Fulfillment;

/// <summary>
/// Fulfils a paid order in two commits, each under the order's row lock, so that it happens exactly once whatever
/// crashes: first Paid → Fulfilling with the tasks in_progress and their attempt counted (visible to operators
/// while the work runs), then the work itself (<see cref="OrderFulfillment"/>) together with Fulfilled and the
/// tasks completed. A redelivery finds the order Fulfilled and does nothing; one after a crash between the commits
/// finds it Fulfilling and does the work. A failure rolls the work back and records the error on the tasks, failed
/// once the queue's attempts are spent; a manual fulfil call starts them again. The second commit also carries the
/// merchant's <c>order.fulfilled</c> event (outbox), so it is published exactly once, with the fulfillment.
/// </summary>
internal sealed partial class OrderFulfillmentHandler(
    DeliveryDbContext db,
    TenantContext tenant,
    OrderLifecycle lifecycle,
    OrderFulfillment fulfillment,
    MerchantEvents events,
    TimeProvider time,
    ILogger<OrderFulfillmentHandler> logger) : IMessageHandler<OrderFulfillmentRequested>
{
    private const int MaxErrorLength = 1000;

    public async Task HandleAsync(OrderFulfillmentRequested message, MessageContext context, CancellationToken cancellationToken)
    {
        OrderTelemetry.TagCurrentSpan(message.OrderId);
        tenant.SetOrganization(message.OrganizationId);
        if (!await StartAsync(message.OrderId, cancellationToken))
        {
            return;
        }

        try
        {
            await CompleteAsync(message.OrderId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            var error = ex is FulfillmentFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            await RecordFailureAsync(message.OrderId, error, context.IsLastAttempt, cancellationToken);
            throw;
        }
    }

    /// <returns>False when there is nothing to do: the order is not Paid or Fulfilling (done, refunded, cancelled).</returns>
    private async Task<bool> StartAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await lifecycle.LockAsync(orderId, cancellationToken);
        if (order is null || order.Status is not (OrderStatuses.Paid or OrderStatuses.Fulfilling))
        {
            LogNothingToDo(orderId, order?.Status);
            return false;
        }

        var now = time.GetUtcNow();
        if (order.Status == OrderStatuses.Paid)
        {
            db.Add(order.MoveTo(OrderStatuses.Fulfilling, "fulfillment started", now));
        }

        foreach (var task in await OpenTasksAsync(orderId, cancellationToken))
        {
            task.Status = FulfillmentTaskStatuses.InProgress;
            task.Attempts++;
            task.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private async Task CompleteAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await lifecycle.LockAsync(orderId, cancellationToken);
        if (order is not { Status: OrderStatuses.Fulfilling })
        {
            // Refunded or cancelled between the commits: grant nothing.
            LogNothingToDo(orderId, order?.Status);
            return;
        }

        var outcome = await fulfillment.FulfilAsync(order, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var task in await OpenTasksAsync(orderId, cancellationToken))
        {
            task.Status = FulfillmentTaskStatuses.Completed;
            task.CompletedAt = now;
            task.UpdatedAt = now;
        }

        db.Add(order.MoveTo(
            OrderStatuses.Fulfilled,
            $"fulfilled: {outcome.EntitlementsGranted} download entitlement(s), {outcome.KeysAssigned} license key(s)",
            now));
        await db.SaveChangesAsync(cancellationToken);

        // In this transaction: the merchant hears of the fulfillment exactly when it commits, at the destinations
        // subscribed to it and at those its products' delivery configuration names (the customer's email is not one).
        await events.PublishAsync(order.OrganizationId, MerchantEventTypes.OrderFulfilled, order.Id.ToString("N"), new OrderFulfilledData(
            order.Id, OrderNumbers.Of(order.Id), order.CustomerEmail, order.CustomerName, order.TotalMinor, order.Currency,
            outcome.EntitlementsGranted, outcome.KeysAssigned, now), cancellationToken,
            [.. outcome.Destinations.Where(d => d != Core.Catalog.Delivery.DeliveryDestinations.Email)]);
        await transaction.CommitAsync(cancellationToken);
        LogFulfilled(orderId, outcome.EntitlementsGranted, outcome.KeysAssigned);
    }

    private async Task RecordFailureAsync(Guid orderId, string error, bool final, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var task in await OpenTasksAsync(orderId, cancellationToken))
        {
            task.LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
            task.Status = final ? FulfillmentTaskStatuses.Failed : FulfillmentTaskStatuses.InProgress;
            task.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogFailed(orderId, final, error);
    }

    private Task<List<FulfillmentTask>> OpenTasksAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Set<FulfillmentTask>()
            .Where(t => t.OrderId == orderId && t.Status != FulfillmentTaskStatuses.Completed)
            .ToListAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} needs no fulfillment (status {Status}).")]
    private partial void LogNothingToDo(Guid orderId, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} fulfilled: {Entitlements} entitlement(s), {Keys} license key(s).")]
    private partial void LogFulfilled(Guid orderId, int entitlements, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fulfillment of order {OrderId} failed (final: {Final}): {Error}")]
    private partial void LogFailed(Guid orderId, bool final, string error);
}
