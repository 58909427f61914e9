using DigitalDelivery.Core.Deliveries.Alerts;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Health;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>The rules' arithmetic alone: which conditions a destination's state and window give, at the thresholds' edges.</summary>
public sealed class AlertConditionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertPolicy Defaults = new(AlertRules.Defaults);

    [Fact]
    public void A_failure_rate_counts_only_from_ten_attempts_and_only_above_the_threshold()
    {
        var destination = Destination();
        Assert.Empty(Rules(destination, new DestinationWindowStats(destination.Id, 9, 9, 10, 10)));
        Assert.Empty(Rules(destination, new DestinationWindowStats(destination.Id, 10, 1, 10, 10)));
        Assert.Equal(["failure_rate"], Rules(destination, new DestinationWindowStats(destination.Id, 10, 2, 10, 10)));
    }

    [Fact]
    public void Consecutive_failures_and_response_time_fire_above_their_thresholds_not_at_them()
    {
        var atThreshold = Destination(consecutiveFailures: 5);
        Assert.Empty(Rules(atThreshold, new DestinationWindowStats(atThreshold.Id, 1, 0, 30_000, 30_000)));
        var above = Destination(consecutiveFailures: 6);
        Assert.Equal(["consecutive_failures", "response_time"], Rules(above, new DestinationWindowStats(above.Id, 1, 0, 30_001, 30_001)));
    }

    [Fact]
    public void A_turned_off_rule_and_a_destination_an_operator_disabled_give_no_condition()
    {
        var broken = Destination(consecutiveFailures: 50, breakerOpenUntil: Now.AddMinutes(5));
        var policy = new AlertPolicy([.. AlertRules.Defaults.Select(r => r with { Enabled = r.Name != AlertRules.BreakerOpen })]);
        Assert.Equal(["consecutive_failures"], AlertConditions.Evaluate([broken], new Dictionary<Guid, DestinationWindowStats>(), 0, policy, Now).Select(c => c.Rule));

        var stopped = Destination(consecutiveFailures: 50);
        DestinationDisabling.Disable(stopped, "user:ops", "maintenance", Now);
        Assert.Empty(Rules(stopped, DestinationWindowStats.Empty(stopped.Id)));
        DestinationDisabling.Disable(stopped, DestinationDisabling.Automatic, "failing", Now);
        Assert.Equal(["auto_disable"], Rules(stopped, DestinationWindowStats.Empty(stopped.Id)));
    }

    [Fact]
    public void A_destination_is_due_for_disabling_after_the_threshold_of_continuous_failure()
    {
        var failing = Destination(failingSince: Now.AddHours(-72).AddSeconds(1));
        Assert.Empty(AlertConditions.DueForDisabling([failing], Defaults, Now));
        Assert.Single(AlertConditions.DueForDisabling([failing], Defaults, Now.AddSeconds(1)));
        Assert.Empty(AlertConditions.DueForDisabling([Destination()], Defaults, Now.AddYears(1)));
    }

    [Fact]
    public void The_backlog_is_about_the_organization_and_fires_above_its_threshold()
    {
        Assert.Empty(AlertConditions.Evaluate([], new Dictionary<Guid, DestinationWindowStats>(), 1000, Defaults, Now));
        var backlog = Assert.Single(AlertConditions.Evaluate([], new Dictionary<Guid, DestinationWindowStats>(), 1001, Defaults, Now));
        Assert.Equal((AlertRules.QueueBacklog, (Guid?)null), (backlog.Rule, backlog.DestinationId));
    }

    private static string[] Rules(Destination destination, DestinationWindowStats window) =>
        [.. AlertConditions.Evaluate([destination], new Dictionary<Guid, DestinationWindowStats> { [destination.Id] = window }, 0, Defaults, Now).Select(c => c.Rule)];

    private static Destination Destination(int consecutiveFailures = 0, DateTimeOffset? breakerOpenUntil = null, DateTimeOffset? failingSince = null) => new()
    {
        Id = Guid.NewGuid(),
        OrganizationId = Guid.NewGuid(),
        Name = "hooks",
        Type = "webhook",
        Config = "{}",
        Events = ["*"],
        Enabled = true,
        ConsecutiveFailures = consecutiveFailures,
        BreakerOpenUntil = breakerOpenUntil,
        FailingSince = failingSince,
    };
}
