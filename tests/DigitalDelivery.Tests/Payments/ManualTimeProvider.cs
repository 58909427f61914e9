namespace DigitalDelivery.Tests.Payments;

/// <summary>A clock the test sets (Microsoft.Extensions.TimeProvider.Testing's FakeTimeProvider is not obtainable here).</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
