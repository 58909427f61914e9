using System.Threading.Channels;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// Wakes the webhook sender right after a payment change commits; the sender still polls, so a lost wake-up
/// (another replica made the change, or a crash) only delays a delivery by one poll interval.
/// </summary>
internal sealed class SandboxWebhookSignal(TimeProvider timeProvider)
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when notified or when <paramref name="timeout"/> passes; throws only when stopping.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _wakeUps.Reader.WaitToReadAsync(either.Token);
            _wakeUps.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up.
        }
    }
}
