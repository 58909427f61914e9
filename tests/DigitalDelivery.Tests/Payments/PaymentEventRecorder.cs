using System.Collections.Concurrent;
using DigitalDelivery.Core.Payments.Webhooks;

namespace DigitalDelivery.Tests.Payments;

/// <summary>
/// Stands in for the orders feature's handler: records every event it is given and lets a test wait for one.
/// It can also fail the first delivery for an order reference, to make the processor redeliver.
/// </summary>
public sealed class PaymentEventRecorder : IPaymentEventHandler
{
    private readonly ConcurrentQueue<PaymentEvent> _handled = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(Func<PaymentEvent, bool> Match, TaskCompletionSource<PaymentEvent> Seen)> _waiters = [];

    public IReadOnlyList<PaymentEvent> Handled => [.. _handled];

    public void FailFirstDeliveriesOf(string orderReference, int failures) => _failuresLeft[orderReference] = failures;

    public int AttemptsFor(string orderReference) => _attempts.GetValueOrDefault(orderReference);

    public Task HandleAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        _attempts.AddOrUpdate(paymentEvent.OrderReference, 1, (_, n) => n + 1);
        if (_failuresLeft.TryGetValue(paymentEvent.OrderReference, out var left) && left > 0
            && _failuresLeft.TryUpdate(paymentEvent.OrderReference, left - 1, left))
        {
            throw new InvalidOperationException("A failure the test asked for.");
        }

        _handled.Enqueue(paymentEvent);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(paymentEvent)).ToList())
            {
                waiter.Seen.TrySetResult(paymentEvent);
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The first handled event that matches, already seen or still to come; fails after <paramref name="timeout"/>.</summary>
    public Task<PaymentEvent> WaitForAsync(Func<PaymentEvent, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<PaymentEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = _handled.FirstOrDefault(match);
            if (earlier is not null)
            {
                return Task.FromResult(earlier);
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
    }
}
