using DigitalDelivery.Core.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Fulfillment;

/// <summary>
/// Wraps Worker's payment port to see its captures. With <see cref="HangAfterCapture"/> the worker freezes right
/// after the processor confirmed a capture, before the queue learns of it: the moment a crash hurts most.
/// </summary>
public sealed class CaptureObserver
{
    private readonly TaskCompletionSource<PaymentOperationResult> firstCapture = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int captures;

    public bool HangAfterCapture { get; init; }

    public int Captures => Volatile.Read(ref captures);

    public Task<PaymentOperationResult> FirstCapture => firstCapture.Task;

    /// <summary>Replaces the registered <see cref="IPaymentProvider"/> with one that reports to this observer.</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IPaymentProvider));
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(
            typeof(IPaymentProvider),
            provider => new ObservedProvider((IPaymentProvider)registered.ImplementationFactory!(provider), this),
            registered.Lifetime));
    }

    private sealed class ObservedProvider(IPaymentProvider inner, CaptureObserver observer) : IPaymentProvider
    {
        public Task<PreAuthorizationResult> PreAuthorizeAsync(PreAuthorizationRequest request, CancellationToken cancellationToken) =>
            inner.PreAuthorizeAsync(request, cancellationToken);

        public async Task<PaymentOperationResult> CaptureAsync(string preauthId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
        {
            var result = await inner.CaptureAsync(preauthId, amount, idempotencyKey, cancellationToken);
            Interlocked.Increment(ref observer.captures);
            observer.firstCapture.TrySetResult(result);
            if (observer.HangAfterCapture)
            {
                // Ends only when the host stops it: the message is then neither completed nor failed.
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return result;
        }

        public Task<PaymentOperationResult> VoidAsync(string preauthId, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.VoidAsync(preauthId, idempotencyKey, cancellationToken);

        public Task<PaymentOperationResult> RefundAsync(string preauthId, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
            inner.RefundAsync(preauthId, amount, idempotencyKey, cancellationToken);
    }
}
