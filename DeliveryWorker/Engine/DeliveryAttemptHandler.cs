using Azure;
using DigitalDelivery.Core.Deliveries.Attempts;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Engine;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Deliveries.Requests;
using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.DeliveryWorker.Engine;

/// <summary>
/// One attempt of one delivery, whatever the destination's type, at least once: the destination's handler is called
/// outside any transaction, then the attempt, the delivery's new state, the destination's breaker and (when it will
/// retry) the next attempt's message commit together. A crash after the call but before that commit leaves the
/// message to run again: the peer may get the same delivery twice (it carries the same id: <c>webhook-id</c>,
/// Message-Id, object name), but a delivery is never marked delivered without the peer's acceptance and never lost.
/// While the breaker is open the attempt waits for it instead of spending one. The queue's own retries only cover
/// this handler failing (the database away); the delivery's retry policy is its own: per destination, with jitter
/// and Retry-After.
/// </summary>
internal sealed partial class DeliveryAttemptHandler(
    DeliveryDbContext db,
    TenantContext tenant,
    DestinationHandlers handlers,
    DeliveryTelemetry telemetry,
    IMessageOutbox outbox,
    IOptions<DeliveryEngineOptions> options,
    TimeProvider time,
    ILogger<DeliveryAttemptHandler> logger) : IMessageHandler<DeliveryAttemptDue>
{
    private const int MaxErrorLength = 1000;

    public async Task HandleAsync(DeliveryAttemptDue message, MessageContext context, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        // One round trip for both: the destination cannot be missing (deleting it deletes its deliveries).
        var pair = await db.Set<Delivery>().AsNoTracking()
            .Where(d => d.Id == message.DeliveryId && d.Status == DeliveryStatuses.Pending)
            .Join(db.Set<Destination>().AsNoTracking(), d => d.DestinationId, t => t.Id, (d, t) => new { Delivery = d, Destination = t })
            .SingleOrDefaultAsync(cancellationToken);
        if (pair is null)
        {
            return;
        }

        var (delivery, destination) = (pair.Delivery, pair.Destination);
        var now = time.GetUtcNow();
        if (!destination.Enabled)
        {
            await FinishAsync(delivery.Id, d => Fail(d, "the destination is disabled", now), cancellationToken);
            return;
        }

        if (destination.BreakerOpenUntil is { } openUntil && openUntil > now)
        {
            var wait = options.Value.Breaker.WaitUntil(openUntil, Random.Shared.NextDouble());
            LogBreakerOpen(delivery.Id, destination.Id, openUntil);
            await FinishAsync(delivery.Id, d => d.NextAttemptAt = wait, cancellationToken, next: wait);
            return;
        }

        using var activity = DeliveryTelemetry.StartAttempt(destination.Type, delivery.Id, destination.Id, delivery.Attempts + 1);
        var outcome = await DeliverAsync(delivery, destination, cancellationToken);

        var status = IsClosedAndClean(destination) && outcome.Succeeded && await RecordDeliveredAsync(delivery, destination, outcome, cancellationToken)
            ? "succeeded"
            : await RecordAsync(delivery.Id, destination, outcome, cancellationToken);
        telemetry.Record(activity, destination.Type, outcome, status);
    }

    private static bool IsClosedAndClean(Destination destination) =>
        destination.BreakerOpenUntil is null && destination.ConsecutiveFailures == 0 && destination.HalfOpenSuccesses == 0;

    // The common case, a success to a destination whose breaker was closed with nothing counted when the attempt
    // read it: there is no breaker to update and no next attempt to enqueue, so the delivery's new state and its
    // attempt are one statement (atomic on its own) instead of a transaction of four round trips. It changes the
    // delivery only if it is still pending with the attempts this attempt read; otherwise (a duplicate of the
    // message ran, or the delivery was retried or deleted meanwhile) nothing is written and the general path below
    // decides. A failure counted on the destination meanwhile is not reset by this success: the order "success, then
    // failure" that a concurrent pair may always have had.
    private async Task<bool> RecordDeliveredAsync(Delivery delivery, Destination destination, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var number = delivery.Attempts + 1;
        var started = now - outcome.Duration;
        var durationMs = DurationMs(outcome);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            WITH delivered AS (
                UPDATE deliveries
                SET status = {DeliveryStatuses.Delivered}, attempts = {number}, delivered_at = {now}, next_attempt_at = NULL,
                    last_error = NULL, last_response_status = {outcome.ResponseStatus}::integer, result = {outcome.Result}::text
                WHERE id = {delivery.Id} AND status = {DeliveryStatuses.Pending} AND attempts = {delivery.Attempts}
                RETURNING organization_id)
            INSERT INTO delivery_attempts (id, organization_id, delivery_id, destination_id, succeeded, number, started_at, duration_ms, response_status, error)
            SELECT {Guid.CreateVersion7(now)}, organization_id, {delivery.Id}, {destination.Id}, TRUE, {number}, {started}, {durationMs}, {outcome.ResponseStatus}::integer, NULL
            FROM delivered
            """, cancellationToken);
        if (inserted == 1)
        {
            LogAttempt(delivery.Id, destination.Type, number, outcome.ResponseStatus, DeliveryStatuses.Delivered);
        }

        return inserted == 1;
    }

    private async Task<DeliveryOutcome> DeliverAsync(Delivery delivery, Destination destination, CancellationToken cancellationToken)
    {
        var files = await DeliveryFiles.LoadAsync(db, delivery.FileIds, cancellationToken);
        if (files.Count < delivery.FileIds.Length)
        {
            // Deleted, or found infected by a later scan, since the request was accepted: never sent.
            return DeliveryOutcome.Permanent("a file of this delivery is no longer available (deleted, or no longer clean)", TimeSpan.Zero);
        }

        try
        {
            var target = handlers.Open(destination);
            var outgoing = new OutgoingDelivery(delivery.Id, delivery.EventType, delivery.Payload, delivery.CreatedAt) { Files = files };
            return await handlers.Get(destination.Type).DeliverAsync(target, outgoing, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // Settings the handler no longer accepts (a type's rules tightened): the merchant must fix them.
            return DeliveryOutcome.Permanent(ex.Message, TimeSpan.Zero);
        }
        catch (RequestFailedException ex) when (files.Count > 0)
        {
            // The catalog's own storage failed while a handler read a file: not the destination's doing, but this
            // attempt is spent; a file gone from storage will not come back.
            var error = $"reading a file from the catalog's storage: {ex.ErrorCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            return ex.Status == 404 ? DeliveryOutcome.Permanent(error, TimeSpan.Zero) : DeliveryOutcome.Transient(error, TimeSpan.Zero);
        }
    }

    private async Task<string> RecordAsync(Guid deliveryId, Destination destination, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        var engine = options.Value;
        var now = time.GetUtcNow();
        DisableSavepoints();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = await db.Set<Delivery>().SingleAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery.Status != DeliveryStatuses.Pending)
        {
            return delivery.Status;
        }

        delivery.Attempts++;
        db.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = delivery.OrganizationId,
            DeliveryId = delivery.Id,
            DestinationId = destination.Id,
            Succeeded = outcome.Succeeded,
            Number = delivery.Attempts,
            StartedAt = now - outcome.Duration,
            DurationMs = DurationMs(outcome),
            ResponseStatus = outcome.ResponseStatus,
            Error = Truncate(outcome.Error),
        });
        delivery.LastResponseStatus = outcome.ResponseStatus;
        DateTimeOffset? next = null;
        string result;
        if (outcome.Succeeded)
        {
            delivery.Status = DeliveryStatuses.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            delivery.LastError = null;
            delivery.Result = outcome.Result;
            await RecordSuccessAsync(destination.Id, engine.Breaker, cancellationToken);
            result = "succeeded";
        }
        else
        {
            await RecordFailureAsync(destination.Id, engine.Breaker, now, cancellationToken);
            var budget = destination.MaxAttempts ?? engine.Retry.MaxAttempts;
            if (!outcome.Retryable || delivery.Attempts - delivery.AttemptsBeforeRetry >= budget)
            {
                Fail(delivery, outcome.Error ?? "failed", now);
                result = "failed";
            }
            else
            {
                next = now + engine.Retry.DelayAfter(delivery.Attempts - delivery.AttemptsBeforeRetry, Random.Shared.NextDouble(), outcome.RetryAfter);
                delivery.NextAttemptAt = next;
                delivery.LastError = Truncate(outcome.Error);
                result = "retrying";
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (next is { } due)
        {
            await EnqueueAttemptAsync(delivery, due, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogAttempt(delivery.Id, destination.Type, delivery.Attempts, outcome.ResponseStatus, delivery.Status);
        return result;
    }

    // Each is one statement, so concurrent deliveries to the destination count every outcome. A breaker whose open
    // period has passed is half-open: successes count towards closing it, a failure opens it again. A failure starts
    // (or continues) the run of failures health monitoring disables a destination after; any success ends it.
    // A success on a closed breaker with nothing counted changes nothing, so that row is not updated at all: an update
    // would hold the destination's row lock until this transaction's durable commit, queueing every concurrent
    // attempt to the destination behind it (one commit at a time per destination; the deliveries benchmark measured
    // 40-100 deliveries/s to one destination with it, two thirds of the attempts waiting on that lock).
    private Task<int> RecordSuccessAsync(Guid destinationId, CircuitBreakerPolicy breaker, CancellationToken cancellationToken)
    {
        var needed = breaker.HalfOpenSuccesses;
        return db.Set<Destination>()
            .Where(d => d.Id == destinationId && (d.BreakerOpenUntil != null || d.ConsecutiveFailures != 0 || d.HalfOpenSuccesses != 0))
            .ExecuteUpdateAsync(s => s
            .SetProperty(d => d.ConsecutiveFailures, d => d.BreakerOpenUntil == null || d.HalfOpenSuccesses + 1 >= needed ? 0 : d.ConsecutiveFailures)
            .SetProperty(d => d.BreakerOpenUntil, d => d.BreakerOpenUntil == null || d.HalfOpenSuccesses + 1 >= needed ? null : d.BreakerOpenUntil)
            .SetProperty(d => d.HalfOpenSuccesses, d => d.BreakerOpenUntil == null || d.HalfOpenSuccesses + 1 >= needed ? 0 : d.HalfOpenSuccesses + 1)
            .SetProperty(d => d.FailingSince, (DateTimeOffset?)null),
            cancellationToken);
    }

    private Task<int> RecordFailureAsync(Guid destinationId, CircuitBreakerPolicy breaker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var threshold = breaker.FailureThreshold;
        DateTimeOffset? reopen = now + breaker.OpenFor;
        return db.Set<Destination>().Where(d => d.Id == destinationId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.ConsecutiveFailures, d => d.ConsecutiveFailures + 1)
            .SetProperty(d => d.HalfOpenSuccesses, 0)
            .SetProperty(d => d.FailingSince, d => d.FailingSince ?? now)
            .SetProperty(d => d.LastFailureAt, now)
            .SetProperty(d => d.BreakerOpenUntil, d =>
                d.BreakerOpenUntil != null && d.BreakerOpenUntil <= now ? reopen
                : d.BreakerOpenUntil == null && d.ConsecutiveFailures + 1 >= threshold ? reopen
                : d.BreakerOpenUntil),
            cancellationToken);
    }

    private async Task FinishAsync(Guid deliveryId, Action<Delivery> change, CancellationToken cancellationToken, DateTimeOffset? next = null)
    {
        DisableSavepoints();
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

    // SaveChanges inside our transaction would wrap itself in a savepoint (two more round trips per attempt) so a
    // failed save could be rolled back alone; here any failure abandons the whole transaction, so none is needed.
    private void DisableSavepoints() => db.Database.AutoSavepointsEnabled = false;

    private Task<int> EnqueueAttemptAsync(Delivery delivery, DateTimeOffset due, CancellationToken cancellationToken) =>
        outbox.EnqueueNextAttemptsAsync([delivery], due, time, cancellationToken);

    private static void Fail(Delivery delivery, string error, DateTimeOffset now)
    {
        delivery.Status = DeliveryStatuses.Failed;
        delivery.FailedAt = now;
        delivery.NextAttemptAt = null;
        delivery.LastError = Truncate(error);
    }

    private static int DurationMs(DeliveryOutcome outcome) => (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds);

    private static string? Truncate(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({DestinationType}) attempt {Attempt}: status {Status}, now {DeliveryStatus}.")]
    private partial void LogAttempt(Guid deliveryId, string destinationType, int attempt, int? status, string deliveryStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} waits: the breaker of destination {DestinationId} is open until {OpenUntil}.")]
    private partial void LogBreakerOpen(Guid deliveryId, Guid destinationId, DateTimeOffset openUntil);
}
