using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Worker.Fulfillment;

/// <summary>
/// The work of fulfilling one order, inside the caller's transaction: grant the download entitlements (scheduling
/// their expiry notices where the asset asks for one), give each
/// license line the keys it still lacks (SKIP LOCKED, so concurrent orders never share a key), and enqueue the
/// request that DeliveryWorker hands the access to the customer with. Everything is keyed by order line, so a
/// second run after a crash adds only what the first did not commit.
/// </summary>
internal sealed class OrderFulfillment(
    DeliveryDbContext db,
    EntitlementGrants grants,
    ExpiryNotices expiryNotices,
    LicenseKeyAssigner keys,
    DeliveryConfigurations configurations,
    IMessageOutbox outbox)
{
    public async Task<FulfillmentOutcome> FulfilAsync(Order order, CancellationToken cancellationToken)
    {
        var granted = await grants.GrantAsync(order, cancellationToken);
        foreach (var access in granted)
        {
            await expiryNotices.ScheduleAsync(access, cancellationToken);
        }

        var assigned = 0;
        foreach (var line in order.Lines.Where(l => l.ProductType is ProductTypes.LicenseKey or ProductTypes.Bundle))
        {
            assigned += await AssignKeysAsync(line, cancellationToken);
        }

        var destinations = await DestinationsAsync(order, cancellationToken);
        await outbox.EnqueueAsync(
            new OrderAccessDeliveryRequested(order.OrganizationId, order.Id, destinations),
            new EnqueueOptions { DedupeKey = $"order-access:{order.Id}" },
            cancellationToken);
        return new FulfillmentOutcome(granted.Count, assigned, destinations);
    }

    private async Task<int> AssignKeysAsync(OrderLine line, CancellationToken cancellationToken)
    {
        var assignee = LicenseKeyAssignee.ForLine(line.Id);
        var missing = line.Quantity - await db.Set<LicenseKey>().CountAsync(k => k.AssignedTo == assignee, cancellationToken);
        for (var i = 0; i < missing; i++)
        {
            if (await keys.AssignAsync(line.ProductId, assignee, cancellationToken) is null)
            {
                throw new FulfillmentFailedException($"The license key pool of product {line.Sku} has no key left for order line {line.Id}.");
            }
        }

        return Math.Max(missing, 0);
    }

    /// <summary>Every destination any of the order's products delivers to, in the order's line order.</summary>
    private async Task<IReadOnlyList<string>> DestinationsAsync(Order order, CancellationToken cancellationToken)
    {
        var productIds = order.Lines.Select(l => l.ProductId).Distinct().ToList();
        var settings = await configurations.GetEffectiveAsync(productIds, cancellationToken);
        return [.. productIds.SelectMany(id => settings[id].Destinations).Distinct(StringComparer.Ordinal)];
    }
}
