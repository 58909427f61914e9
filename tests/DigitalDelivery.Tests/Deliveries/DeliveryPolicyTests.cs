using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Engine;
using DigitalDelivery.Core.Deliveries.Handlers;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>The pure rules of the engine: backoff, Retry-After, subscriptions, what counts as retryable.</summary>
public sealed class DeliveryPolicyTests
{
    private static readonly DeliveryRetryPolicy Policy = new();

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 2_000)]
    [InlineData(5, 16_000)]
    [InlineData(12, 300_000)]
    public void The_delay_doubles_from_one_second_to_five_minutes(int failedAttempts, double milliseconds)
    {
        Assert.Equal(milliseconds, Policy.DelayAfter(failedAttempts, random: 0.5).TotalMilliseconds, precision: 3);
        Assert.Equal(milliseconds * 0.9, Policy.DelayAfter(failedAttempts, random: 0).TotalMilliseconds, precision: 3);
        Assert.True(Policy.DelayAfter(failedAttempts, random: 0.999999).TotalMilliseconds <= milliseconds * 1.1);
    }

    [Fact]
    public void Retry_After_wins_when_it_asks_for_longer_but_never_beyond_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.DelayAfter(1, 0.5, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(1), Policy.DelayAfter(1, 0.5, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(TimeSpan.FromHours(1), Policy.DelayAfter(1, 0.5, TimeSpan.FromDays(3)));
    }

    [Theory]
    [InlineData("order.fulfilled", "order.fulfilled", true)]
    [InlineData("order.*", "order.refunded", true)]
    [InlineData("*", "entitlement.revoked", true)]
    [InlineData("order.*", "entitlement.revoked", false)]
    [InlineData("order.paid", "order.fulfilled", false)]
    public void Subscriptions_match_exact_names_families_and_everything(string pattern, string eventType, bool matches) =>
        Assert.Equal(matches, EventPatterns.Matches(pattern, eventType));

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(410, false)]
    [InlineData(301, false)]
    [InlineData(204, false)]
    public void Only_timeouts_throttling_and_server_errors_are_retried(int status, bool retryable) =>
        Assert.Equal(retryable, DeliveryOutcome.FromHttpStatus(status, TimeSpan.Zero, null).Retryable);
}
