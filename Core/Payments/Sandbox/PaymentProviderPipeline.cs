using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.DependencyInjection;
using Polly.Retry;
using Polly.Timeout;

namespace DigitalDelivery.Core.Payments.Sandbox;

/// <summary>
/// The payment calls' resilience pipeline, registered with Polly's DI registry (one per process, so the breaker
/// sees every call) and run by SandboxPaymentProvider around the whole call, body included: circuit breaker
/// (outermost, so a timed-out call counts as one failure) → timeout for the whole call → retry of connection
/// failures and 502/503/504. Retrying a POST is safe only because every attempt carries the same Idempotency-Key.
/// It replaces the standard resilience handler (30 s, 3 retries of anything), which the payment client does not get.
/// </summary>
internal static class PaymentProviderPipeline
{
    public const string Name = "payments";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AddResiliencePipelineContext<string> context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<PaymentProviderOptions>>().Value;
        var failure = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(response => (int)response.StatusCode >= 500);
        var retryable = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .HandleResult(response => response.StatusCode is HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);

        pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = settings.CircuitBreakerFailureRatio,
                MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                SamplingDuration = settings.CircuitBreakerSamplingDuration,
                BreakDuration = settings.CircuitBreakerBreakDuration,
                ShouldHandle = failure,
            })
            .AddTimeout(settings.Timeout);
        if (settings.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = retryable,
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }
    }
}
