using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Deliveries.Health;

/// <summary>
/// Reads attempts for health, grouped per destination of the current tenant, from the attempts' destination and
/// time index alone. The window query is bounded by the window; the totals read a destination's whole history
/// and are only asked for by the health endpoints.
/// </summary>
public static class DestinationHealthReader
{
    /// <summary>The health of <paramref name="destinations"/>, with their whole history when <paramref name="withTotals"/>.</summary>
    public static async Task<IReadOnlyList<DestinationHealth>> ReadAsync(
        DbContext db, IReadOnlyList<Destinations.Destination> destinations, Alerts.AlertPolicy policy, DateTimeOffset now, bool withTotals,
        CancellationToken cancellationToken)
    {
        Guid[] ids = [.. destinations.Select(d => d.Id)];
        var window = await WindowAsync(db, ids, now - Alerts.AlertPolicy.Window, cancellationToken);
        var totals = withTotals ? await TotalsAsync(db, ids, cancellationToken) : [];
        return [.. destinations.Select(d => DestinationHealth.From(
            d, window.GetValueOrDefault(d.Id) ?? DestinationWindowStats.Empty(d.Id), totals.GetValueOrDefault(d.Id) ?? DestinationTotals.Empty(d.Id), policy))];
    }

    public static async Task<Dictionary<Guid, DestinationWindowStats>> WindowAsync(
        DbContext db, Guid[] destinationIds, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<DestinationWindowStats>($"""
            SELECT destination_id AS "DestinationId", count(*) AS "Attempts", count(*) FILTER (WHERE NOT succeeded) AS "Failures",
                   avg(duration_ms)::double precision AS "AverageMs",
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS "P95Ms"
            FROM delivery_attempts
            WHERE destination_id = ANY({destinationIds}) AND started_at >= {since}
            GROUP BY destination_id
            """).ToListAsync(cancellationToken)).ToDictionary(s => s.DestinationId);

    public static async Task<Dictionary<Guid, DestinationTotals>> TotalsAsync(
        DbContext db, Guid[] destinationIds, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<DestinationTotals>($"""
            SELECT id AS "DestinationId",
                   (SELECT count(*) FROM deliveries d WHERE d.destination_id = t.id) AS "Deliveries",
                   (SELECT count(*) FROM delivery_attempts a WHERE a.destination_id = t.id) AS "Attempts",
                   (SELECT count(*) FROM delivery_attempts a WHERE a.destination_id = t.id AND NOT a.succeeded) AS "FailedAttempts",
                   (SELECT a.started_at FROM delivery_attempts a WHERE a.destination_id = t.id AND a.succeeded
                    ORDER BY a.started_at DESC LIMIT 1) AS "LastSuccessAt"
            FROM delivery_destinations t
            WHERE t.id = ANY({destinationIds})
            """).ToListAsync(cancellationToken)).ToDictionary(s => s.DestinationId);
}
