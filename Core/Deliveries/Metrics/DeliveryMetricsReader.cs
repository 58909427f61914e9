using DigitalDelivery.Core.Deliveries.Destinations;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Deliveries.Metrics;

/// <summary>
/// Delivery metrics from stored attempts, in one statement: the tenant's destinations' attempts in the range are read
/// from the attempts' (destination, started) index alone (it carries every column this needs), and grouping sets give
/// the per-destination, per-type and total figures in a single pass. Bounded by the range: a month is the most the
/// Api asks for, and docs/benchmarks.md measures it at 100,000 attempts.
/// </summary>
public static class DeliveryMetricsReader
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    private sealed record Grouped(
        int Level, Guid? DestinationId, string? Type, long Attempts, long Succeeded, long FailedWithResponse, long FailedWithoutResponse,
        long Retries, double? AverageMs, double? P50Ms, double? P95Ms, double? P99Ms);

    public static async Task<DeliveryMetrics> ReadAsync(
        DbContext db, DateTimeOffset from, DateTimeOffset to, Guid? destinationId, string? type, CancellationToken cancellationToken)
    {
        var destinations = db.Set<Destination>().AsNoTracking();
        destinations = destinationId is null ? destinations : destinations.Where(d => d.Id == destinationId);
        destinations = type is null ? destinations : destinations.Where(d => d.Type == type);
        var chosen = await destinations.Select(d => new { d.Id, d.Type }).ToListAsync(cancellationToken);
        Guid[] ids = [.. chosen.Select(d => d.Id)];
        string[] types = [.. chosen.Select(d => d.Type)];

        // Level is GROUPING(destination, type): 0 a destination, 2 a type, 3 the total.
        var rows = await db.Database.SqlQuery<Grouped>($"""
            SELECT GROUPING(a.destination_id, t.type) AS "Level", a.destination_id AS "DestinationId", t.type AS "Type",
                   count(*) AS "Attempts",
                   count(*) FILTER (WHERE a.succeeded) AS "Succeeded",
                   count(*) FILTER (WHERE NOT a.succeeded AND a.response_status IS NOT NULL) AS "FailedWithResponse",
                   count(*) FILTER (WHERE NOT a.succeeded AND a.response_status IS NULL) AS "FailedWithoutResponse",
                   count(*) FILTER (WHERE a.number > 1) AS "Retries",
                   avg(a.duration_ms)::double precision AS "AverageMs",
                   percentile_cont(0.50) WITHIN GROUP (ORDER BY a.duration_ms) AS "P50Ms",
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY a.duration_ms) AS "P95Ms",
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY a.duration_ms) AS "P99Ms"
            FROM delivery_attempts a
            JOIN unnest({ids}, {types}) AS t(id, type) ON t.id = a.destination_id
            WHERE a.started_at >= {from} AND a.started_at < {to}
            GROUP BY GROUPING SETS ((a.destination_id, t.type), (t.type), ())
            """).ToListAsync(cancellationToken);

        static DeliveryMetricsRow Row(Grouped g) => new(
            g.DestinationId, g.Type, g.Attempts, g.Succeeded, g.FailedWithResponse, g.FailedWithoutResponse, g.Retries,
            g.AverageMs, g.P50Ms, g.P95Ms, g.P99Ms);

        var total = rows.SingleOrDefault(r => r.Level == 3) is { } all
            ? Row(all)
            : new DeliveryMetricsRow(null, null, 0, 0, 0, 0, 0, null, null, null, null);
        return new DeliveryMetrics(
            from, to, total,
            [.. rows.Where(r => r.Level == 2).OrderBy(r => r.Type, StringComparer.Ordinal).Select(Row)],
            [.. rows.Where(r => r.Level == 0).OrderByDescending(r => r.Attempts).Select(Row)]);
    }
}
