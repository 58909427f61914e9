using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Core.Fulfillment;

/// <summary>
/// The saga's step after Paid, inside the transaction that marks the order paid: creates the order's
/// <see cref="FulfillmentTask"/>s (always digital_delivery, which grants the downloads and sends the access;
/// license_key too when a line sells keys) and, when every product fulfils on payment, enqueues the request
/// that Worker fulfils. Otherwise the order waits, Paid, for a manual fulfil call.
/// </summary>
public sealed class FulfillmentPlanner(DeliveryDbContext db, DeliveryConfigurations configurations, IMessageOutbox outbox, TimeProvider time)
{
    /// <returns>Whether fulfillment was requested now (false: it waits for a manual fulfil).</returns>
    public async Task<bool> PlanAsync(Order order, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        AddTask(order, FulfillmentTaskTypes.DigitalDelivery, now);
        if (order.Lines.Any(l => l.ProductType is ProductTypes.LicenseKey or ProductTypes.Bundle))
        {
            AddTask(order, FulfillmentTaskTypes.LicenseKey, now);
        }

        var settings = await configurations.GetEffectiveAsync([.. order.Lines.Select(l => l.ProductId).Distinct()], cancellationToken);
        if (settings.Values.Any(s => !s.AutoFulfillOnPayment))
        {
            return false;
        }

        await RequestAsync(order, $"order-fulfillment:{order.Id}", cancellationToken);
        return true;
    }

    /// <summary>Asks Worker to (re)run the order's fulfillment; <paramref name="dedupeKey"/> null allows a repeat.</summary>
    public Task RequestAsync(Order order, string? dedupeKey, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(
            new OrderFulfillmentRequested(order.OrganizationId, order.Id),
            new EnqueueOptions { DedupeKey = dedupeKey },
            cancellationToken);

    private void AddTask(Order order, string type, DateTimeOffset now) => db.Add(new FulfillmentTask
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = order.OrganizationId,
        OrderId = order.Id,
        Type = type,
        CreatedAt = now,
        UpdatedAt = now,
    });
}
