using DigitalDelivery.Core.Deliveries.Attempts;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Deliveries.Webhooks;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.DeliveryWorker.Engine;

/// <summary>
/// One attempt of one webhook delivery, at least once: the call is made outside any transaction, then the attempt,
/// the delivery's new state, the destination's breaker and (when it will retry) the next attempt's message commit
/// together. A crash after the call but before that commit leaves the message to run again: the receiver may see the
/// same <c>webhook-id</c> twice (Standard Webhooks receivers drop duplicates by it), but a delivery is never marked
/// delivered without a 2xx and never lost. While the breaker is open the attempt waits for it instead of spending
/// one. The queue's own retries only cover this handler failing (the database away); the delivery's retry policy is
/// its own: per destination, with jitter and Retry-After.
/// </summary>
internal sealed partial class WebhookDeliveryHandler(
    DeliveryDbContext db,
    TenantContext tenant,
    WebhookSender sender,
    IMessageOutbox outbox,
    IOptions<DeliveryEngineOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryHandler> logger) : IMessageHandler<WebhookDeliveryDue>
{
    private const int MaxErrorLength = 1000;

    public async Task HandleAsync(WebhookDeliveryDue message, MessageContext context, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        var delivery = await db.Set<Delivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == message.DeliveryId, cancellationToken);
        if (delivery is not { Status: DeliveryStatuses.Pending })
        {
            return;
        }

        var destination = await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == delivery.DestinationId, cancellationToken);
        var now = time.GetUtcNow();
        if (destination is not { Enabled: true })
        {
            await FinishAsync(delivery.Id, d => Fail(d, "the destination is disabled"), cancellationToken);
            return;
        }

        if (destination.BreakerOpenUntil is { } openUntil && openUntil > now)
        {
            LogBreakerOpen(delivery.Id, destination.Id, openUntil);
            await FinishAsync(delivery.Id, d => d.NextAttemptAt = openUntil, cancellationToken, next: openUntil);
            return;
        }

        var outcome = await sender.SendAsync(destination.Url, destination.ProtectedSecret, delivery.Id.ToString(), delivery.Payload, cancellationToken);
        await RecordAsync(delivery.Id, destination, outcome, cancellationToken);
    }

    private async Task RecordAsync(Guid deliveryId, Destination destination, WebhookOutcome outcome, CancellationToken cancellationToken)
    {
        var engine = options.Value;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.Set<Delivery>().SingleAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery.Status != DeliveryStatuses.Pending)
        {
            return;
        }

        delivery.Attempts++;
        var error = outcome.Error ?? (outcome.Succeeded ? null : $"HTTP {outcome.Status}");
        db.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = delivery.OrganizationId,
            DeliveryId = delivery.Id,
            Number = delivery.Attempts,
            StartedAt = now - outcome.Duration,
            DurationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
            ResponseStatus = outcome.Status,
            Error = Truncate(error),
        });
        delivery.LastResponseStatus = outcome.Status;
        DateTimeOffset? next = null;
        if (outcome.Succeeded)
        {
            delivery.Status = DeliveryStatuses.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LastError = null;
            await db.Set<Destination>().Where(d => d.Id == destination.Id).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.ConsecutiveFailures, 0).SetProperty(d => d.BreakerOpenUntil, (DateTimeOffset?)null), cancellationToken);
        }
        else
        {
            // One statement, so concurrent deliveries to the destination count every failure.
            var threshold = engine.Breaker.FailureThreshold;
            DateTimeOffset? reopen = now + engine.Breaker.OpenFor;
            await db.Set<Destination>().Where(d => d.Id == destination.Id).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.ConsecutiveFailures, d => d.ConsecutiveFailures + 1)
                    .SetProperty(d => d.BreakerOpenUntil, d => d.ConsecutiveFailures + 1 >= threshold ? reopen : d.BreakerOpenUntil),
                cancellationToken);
            var budget = destination.MaxAttempts ?? engine.Retry.MaxAttempts;
            if (!outcome.Retryable || delivery.Attempts - delivery.AttemptsBeforeRetry >= budget)
            {
                Fail(delivery, error!);
            }
            else
            {
                next = now + engine.Retry.DelayAfter(delivery.Attempts - delivery.AttemptsBeforeRetry, Random.Shared.NextDouble(), outcome.RetryAfter);
                delivery.NextAttemptAt = next;
                delivery.LastError = Truncate(error);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (next is { } due)
        {
            await EnqueueAttemptAsync(delivery, due, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogAttempt(delivery.Id, delivery.Attempts, outcome.Status, delivery.Status);
    }

    private async Task FinishAsync(Guid deliveryId, Action<Delivery> change, CancellationToken cancellationToken, DateTimeOffset? next = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.Set<Delivery>().SingleAsync(d => d.Id == deliveryId, cancellationToken);
        change(delivery);
        await db.SaveChangesAsync(cancellationToken);
        if (next is { } due)
        {
            await EnqueueAttemptAsync(delivery, due, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private Task<bool> EnqueueAttemptAsync(Delivery delivery, DateTimeOffset due, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(
            new WebhookDeliveryDue(delivery.OrganizationId, delivery.Id),
            new EnqueueOptions { NotBefore = due, MessageId = Guid.CreateVersion7(time.GetUtcNow()) },
            cancellationToken);

    private static void Fail(Delivery delivery, string error)
    {
        delivery.Status = DeliveryStatuses.Failed;
        delivery.NextAttemptAt = null;
        delivery.LastError = Truncate(error);
    }

    private static string? Truncate(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} attempt {Attempt}: HTTP {Status}, now {DeliveryStatus}.")]
    private partial void LogAttempt(Guid deliveryId, int attempt, int? status, string deliveryStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} waits: the breaker of destination {DestinationId} is open until {OpenUntil}.")]
    private partial void LogBreakerOpen(Guid deliveryId, Guid destinationId, DateTimeOffset openUntil);
}
