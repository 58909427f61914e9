using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace DigitalDelivery.ServiceDefaults.Resilience;

/// <summary>Builds the standard outgoing-HTTP pipeline from <see cref="HttpResilienceOptions"/>.</summary>
public static class HttpResiliencePipelineFactory
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("dd.http.request");

    public static ResiliencePipeline<HttpResponseMessage> Create(HttpResilienceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(ResilientHttpHandler.IsTransient);

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalRequestTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(CanReplay(args.Context) && transient.Build()(args.Outcome)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = transient,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    // A request whose body is a one-shot stream cannot be sent twice; everything else can.
    private static bool CanReplay(ResilienceContext context) =>
        !context.Properties.TryGetValue(RequestKey, out var request)
        || request.Content is null
        || request.Content is ByteArrayContent;
}
