using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.Orders;

/// <summary>
/// Creates an order exactly once per Idempotency-Key. The key row is inserted first in the order's transaction
/// (<c>ON CONFLICT DO NOTHING</c>): a concurrent request with the same key blocks on the uncommitted row, and once
/// the first commits it finds the key taken and replays the stored response (or 422 for another body). If the
/// first fails and rolls back, the key was never taken and the retry runs afresh. Postgres is the source of truth;
/// committed responses are also kept in Redis (<see cref="IdempotentResponseCache"/>) so a retry is answered
/// without a transaction, and any Redis failure only sends the request down the Postgres path.
/// </summary>
public sealed class OrderCreation(
    DeliveryDbContext db,
    ITenantContext tenant,
    StockReservations reservations,
    IMessageOutbox outbox,
    AuditTrail audit,
    IdempotentResponseCache cache,
    IOptions<OrdersOptions> options,
    TimeProvider time)
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;

    public async Task<OrderCreationOutcome> CreateAsync(string idempotencyKey, CreateOrderRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } errors)
        {
            return new OrderCreationOutcome.Invalid(errors);
        }

        var organizationId = tenant.OrganizationId!.Value;
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        var now = time.GetUtcNow();
        var settings = options.Value;

        if (await cache.FindAsync(organizationId, idempotencyKey, cancellationToken) is { } cached)
        {
            return SameRequest(cached.RequestHash, requestHash)
                ? new OrderCreationOutcome.Response(cached.StatusCode, cached.Body, cached.OrderId, Replayed: true)
                : new OrderCreationOutcome.KeyReused();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM order_idempotency_keys WHERE organization_id = {organizationId} AND key = {idempotencyKey} AND expires_at <= {now}",
            cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO order_idempotency_keys (organization_id, key, request_hash, response_status, created_at, expires_at)
            VALUES ({organizationId}, {idempotencyKey}, {requestHash}, 0, {now}, {now + settings.IdempotencyKeyLifetime})
            ON CONFLICT (organization_id, key) DO NOTHING
            """, cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            var stored = await db.Set<OrderIdempotencyRecord>().AsNoTracking()
                .SingleAsync(r => r.OrganizationId == organizationId && r.Key == idempotencyKey, cancellationToken);
            if (!SameRequest(stored.RequestHash, requestHash))
            {
                return new OrderCreationOutcome.KeyReused();
            }

            await cache.StoreAsync(
                organizationId, idempotencyKey, new(stored.RequestHash, stored.ResponseStatus, stored.OrderId!.Value, stored.ResponseBody!),
                stored.ExpiresAt - now, cancellationToken);
            return new OrderCreationOutcome.Response(stored.ResponseStatus, stored.ResponseBody!, stored.OrderId!.Value, Replayed: true);
        }

        var outcome = await BuildOrderAsync(organizationId, request, now, settings, cancellationToken);
        if (outcome is not OrderCreationOutcome.Response created)
        {
            await transaction.RollbackAsync(cancellationToken);
            return outcome;
        }

        await db.Database.ExecuteSqlAsync($"""
            UPDATE order_idempotency_keys SET order_id = {created.OrderId}, response_status = {created.StatusCode}, response_body = {created.Body}
            WHERE organization_id = {organizationId} AND key = {idempotencyKey}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await cache.StoreAsync(
            organizationId, idempotencyKey, new(requestHash, created.StatusCode, created.OrderId, created.Body),
            settings.IdempotencyKeyLifetime, cancellationToken);
        return created;
    }

    private static bool SameRequest(string storedHash, string requestHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(requestHash));

    private async Task<OrderCreationOutcome> BuildOrderAsync(
        Guid organizationId, CreateOrderRequest request, DateTimeOffset now, OrdersOptions settings, CancellationToken cancellationToken)
    {
        // Several lines of one product are one reservation of their sum.
        var quantities = request.Lines!.GroupBy(l => l.ProductId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity!.Value));
        var ids = quantities.Keys.ToList();
        var products = await db.Set<Product>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        if (ids.FirstOrDefault(id => !products.TryGetValue(id, out var p) || p.Status != ProductStatuses.Active || p.PriceMinor <= 0) is var missing
            && missing != Guid.Empty)
        {
            return new OrderCreationOutcome.Unavailable($"Product {missing} does not exist, is not on sale or has no price.");
        }

        var currencies = products.Values.Select(p => p.Currency).Distinct(StringComparer.Ordinal).ToList();
        if (currencies.Count > 1)
        {
            return new OrderCreationOutcome.Invalid(new() { ["lines"] = ["All products of an order must be priced in one currency."] });
        }

        var order = new Order
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            CustomerEmail = request.CustomerEmail!.Trim(),
            CustomerName = request.CustomerName!.Trim(),
            Currency = currencies[0],
            CreatedAt = now,
            UpdatedAt = now,
        };
        order.Start("order placed", now);
        foreach (var (productId, quantity) in quantities.OrderBy(q => q.Key))
        {
            var product = products[productId];
            var reserved = 0;
            if (StockReservations.NeedsReservation(product))
            {
                if (!await reservations.TryReserveAsync(organizationId, productId, quantity, cancellationToken))
                {
                    return new OrderCreationOutcome.OutOfStock(productId);
                }

                reserved = quantity;
            }

            order.Lines.Add(new OrderLine
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = organizationId,
                OrderId = order.Id,
                ProductId = productId,
                Sku = product.Sku,
                ProductName = product.Name,
                ProductType = product.Type,
                Quantity = quantity,
                UnitPriceMinor = product.PriceMinor,
                LineTotalMinor = checked(product.PriceMinor * quantity),
                ReservedQuantity = reserved,
            });
        }

        order.TotalMinor = order.Lines.Sum(l => l.LineTotalMinor);
        order.ReservationExpiresAt = now + settings.ReservationWindow;
        order.MoveTo(OrderStatuses.Reserved, "stock reserved until " + order.ReservationExpiresAt.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), now);
        db.Add(order);
        audit.Record(OrderAuditActions.OrderCreated, "order", order.Id.ToString(), $"{order.Lines.Count} line(s), {order.TotalMinor} {order.Currency}");
        await db.SaveChangesAsync(cancellationToken);
        await outbox.EnqueueAsync(
            new OrderReservationExpiryDue(organizationId, order.Id),
            new EnqueueOptions { NotBefore = order.ReservationExpiresAt, DedupeKey = $"order-expiry:{order.Id}" },
            cancellationToken);
        var body = JsonSerializer.Serialize(OrderResponse.From(order, withTimeline: true), JsonSerializerOptions.Web);
        return new OrderCreationOutcome.Response(StatusCodes.Status201Created, body, order.Id, Replayed: false);
    }

    private static Dictionary<string, string[]>? Validate(CreateOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.CustomerEmail) || request.CustomerEmail.Length > 320
            || !MailAddress.TryCreate(request.CustomerEmail.Trim(), out var address) || address.Address != request.CustomerEmail.Trim())
        {
            errors["customer_email"] = ["customer_email must be an email address of at most 320 characters."];
        }

        if (string.IsNullOrWhiteSpace(request.CustomerName) || request.CustomerName.Trim().Length > 200)
        {
            errors["customer_name"] = ["customer_name is required (at most 200 characters)."];
        }

        if (request.Lines is not { Count: > 0 and <= MaxLines })
        {
            errors["lines"] = [$"lines must hold between 1 and {MaxLines} lines."];
        }
        else if (request.Lines.Any(l => l is null || l.ProductId is null || l.ProductId == Guid.Empty))
        {
            errors["lines"] = ["Every line needs a product_id."];
        }
        else if (request.Lines.Any(l => l.Quantity is null or < 1 or > MaxQuantity)
            || request.Lines.GroupBy(l => l.ProductId).Any(g => g.Sum(l => (long)l.Quantity!.Value) > MaxQuantity))
        {
            errors["lines"] = [$"Every line needs a quantity between 1 and {MaxQuantity} (per product)."];
        }

        return errors.Count == 0 ? null : errors;
    }
}
