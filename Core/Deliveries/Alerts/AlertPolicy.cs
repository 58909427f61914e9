using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>
/// How alerts are debounced, from the design seed: rate rules look at a 15-minute sliding window; a rule and
/// destination have at most one open alert; after one resolves, the same alert does not open again for an hour;
/// an alert nobody acknowledged is escalated when it has been open 1 h, 4 h and 24 h. The rules are the defaults
/// with the organization's own settings applied.
/// </summary>
public sealed record AlertPolicy(IReadOnlyList<AlertRule> Rules)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Cooldown = TimeSpan.FromHours(1);
    public static readonly IReadOnlyList<TimeSpan> Escalations = [TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(24)];

    /// <summary>Fewer attempts than this in the window say nothing about a rate (one failure of one is not 100 %).</summary>
    public const int MinimumAttemptsForRate = 10;

    public AlertRule this[string name] => Rules.Single(r => r.Name == name);

    /// <summary>The rule when it is on, else null.</summary>
    public AlertRule? Active(string name) => this[name] is { Enabled: true } rule ? rule : null;

    /// <summary>The current tenant's policy.</summary>
    public static async Task<AlertPolicy> LoadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Set<AlertRuleSetting>().AsNoTracking().ToListAsync(cancellationToken);
        return new AlertPolicy([.. AlertRules.Defaults.Select(d => settings.SingleOrDefault(s => s.Rule == d.Name) is { } s
            ? d with { Enabled = s.Enabled, Threshold = s.Threshold }
            : d)]);
    }
}
