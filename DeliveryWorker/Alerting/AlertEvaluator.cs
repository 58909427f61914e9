using System.Globalization;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Deliveries.Alerts;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Health;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.DeliveryWorker.Alerting;

/// <summary>
/// One check of one organization's alert rules, and what follows from it: destinations failing for too long are
/// disabled, broken rules open an alert (unless one is open, or one resolved within the cooldown), open alerts
/// nobody acknowledged are escalated, alerts whose condition cleared are resolved, and each of those changes is
/// published (alert.opened / alert.escalated / alert.resolved, <see cref="AlertAnnouncements"/>).
/// Crash semantics: all of it commits in one transaction with the events in the outbox, so a crash leaves nothing
/// half done and the next check decides again from the same state. Two replicas never check one organization at
/// once (a transaction-scoped advisory lock; the second skips), and the unique index on unresolved alerts holds
/// even if they did. A retried commit sends nothing twice: events are deduplicated per alert.
/// </summary>
public sealed partial class AlertEvaluator(
    DeliveryDbContext db, TenantContext tenant, MerchantEvents events, TimeProvider time, ILogger<AlertEvaluator> logger)
{
    // Any fixed number unique to this purpose among the project's advisory locks; the organization is the second key.
    private const int CheckLock = 1_400_014;

    public async Task<AlertCheck> CheckAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(organizationId);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<bool>(
            $"""SELECT pg_try_advisory_xact_lock({CheckLock}, hashtext({organizationId.ToString("N")})) AS "Value" """)
            .SingleAsync(cancellationToken);
        if (!locked)
        {
            return AlertCheck.WasSkipped;
        }

        var policy = await AlertPolicy.LoadAsync(db, cancellationToken);
        var destinations = await db.Set<Destination>().OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var disabled = DisableFailing(destinations, policy, now);
        var window = await DestinationHealthReader.WindowAsync(db, [.. destinations.Select(d => d.Id)], now - AlertPolicy.Window, cancellationToken);
        var pending = await CountPendingAsync(organizationId, policy, cancellationToken);
        var conditions = AlertConditions.Evaluate(destinations, window, pending, policy, now);

        // Unresolved alerts, and those resolved within the cooldown (they keep their condition from reopening).
        var cooledBefore = now - AlertPolicy.Cooldown;
        var alerts = await db.Set<Alert>()
            .Where(a => a.Status != AlertStatuses.Resolved || a.ResolvedAt > cooledBefore)
            .ToListAsync(cancellationToken);
        var byId = destinations.ToDictionary(d => d.Id);
        var (opened, escalated, resolved) = (0, 0, 0);

        foreach (var alert in alerts.Where(a => a.Status != AlertStatuses.Resolved))
        {
            if (conditions.FirstOrDefault(c => c.IsAbout(alert)) is { } condition)
            {
                alert.Value = condition.Value;
                alert.Threshold = condition.Threshold;
                alert.Message = condition.Message;
                if (alert.Status == AlertStatuses.Open && DueLevel(alert, now) is var level && level > alert.EscalationLevel)
                {
                    alert.EscalationLevel = level;
                    alert.EscalatedAt = now;
                    alert.Version++;
                    await AlertAnnouncements.PublishAsync(events, MerchantEventTypes.AlertEscalated, alert, About(alert, byId), cancellationToken);
                    LogEscalated(alert.Id, alert.Rule, alert.DestinationId, level);
                    escalated++;
                }
            }
            else
            {
                alert.Status = AlertStatuses.Resolved;
                alert.ResolvedAt = now;
                alert.Version++;
                await AlertAnnouncements.PublishAsync(events, MerchantEventTypes.AlertResolved, alert, About(alert, byId), cancellationToken);
                LogResolved(alert.Id, alert.Rule, alert.DestinationId);
                resolved++;
            }
        }

        foreach (var condition in conditions.Where(c => !alerts.Any(c.IsAbout)))
        {
            var alert = new Alert
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = organizationId,
                Rule = condition.Rule,
                DestinationId = condition.DestinationId,
                Message = condition.Message,
                Value = condition.Value,
                Threshold = condition.Threshold,
                OpenedAt = now,
            };
            db.Add(alert);
            await AlertAnnouncements.PublishAsync(events, MerchantEventTypes.AlertOpened, alert, About(alert, byId), cancellationToken);
            LogOpened(alert.Id, alert.Rule, alert.DestinationId, condition.Value, condition.Threshold);
            opened++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AlertCheck(false, opened, escalated, resolved, disabled);
    }

    private int DisableFailing(List<Destination> destinations, AlertPolicy policy, DateTimeOffset now)
    {
        var due = AlertConditions.DueForDisabling(destinations, policy, now).ToList();
        foreach (var destination in due)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"no attempt succeeded since {destination.FailingSince:u} (last failure {destination.LastFailureAt:u})");
            DestinationDisabling.Disable(destination, DestinationDisabling.Automatic, reason, now);
            destination.UpdatedAt = now;
            destination.Version++;
            LogDisabled(destination.Id, destination.FailingSince);
        }

        return due.Count;
    }

    // A pending delivery is one with its next attempt waiting in the delivery queue: a delivery's state and that
    // message commit together, so each pending delivery has exactly one. Counted there, not through an index on
    // deliveries.status: such an index makes every delivered update a non-HOT update, and it cost the engine 40 % of
    // its fan-out rate (docs/benchmarks.md, "Deliveries"). Bounded: past the threshold the exact number changes
    // nothing, and counting a flood would cost the most when the database is busiest.
    private async Task<long> CountPendingAsync(Guid organizationId, AlertPolicy policy, CancellationToken cancellationToken)
    {
        if (policy.Active(AlertRules.QueueBacklog) is not { } backlog)
        {
            return 0;
        }

        var enough = (long)Math.Min(backlog.Threshold + 1, int.MaxValue);
        return await db.Database.SqlQuery<long>($"""
            SELECT count(*) AS "Value" FROM (
                SELECT 1 FROM messaging_messages
                WHERE queue = {QueueNames.Delivery} AND message_type = {DeliveryMessages.AttemptDue}
                  AND payload ->> 'organizationId' = {organizationId.ToString()}
                LIMIT {enough}) AS pending
            """).SingleAsync(cancellationToken);
    }

    /// <summary>The escalation level an alert open since its opening has reached by <paramref name="now"/> (0 to 3).</summary>
    public static int DueLevel(Alert alert, DateTimeOffset now) =>
        AlertPolicy.Escalations.Count(after => now - alert.OpenedAt >= after);

    private static Destination? About(Alert alert, Dictionary<Guid, Destination> destinations) =>
        alert.DestinationId is { } id ? destinations.GetValueOrDefault(id) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} opened: {Rule} for destination {DestinationId} ({Value} against {Threshold}).")]
    private partial void LogOpened(Guid alertId, string rule, Guid? destinationId, double value, double threshold);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} ({Rule}, destination {DestinationId}) escalated to level {Level}: nobody acknowledged it.")]
    private partial void LogEscalated(Guid alertId, string rule, Guid? destinationId, int level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} ({Rule}, destination {DestinationId}) resolved: its condition cleared.")]
    private partial void LogResolved(Guid alertId, string rule, Guid? destinationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destination {DestinationId} disabled: failing without a success since {FailingSince}.")]
    private partial void LogDisabled(Guid destinationId, DateTimeOffset? failingSince);
}
