using System.Net;
using Polly;

namespace DigitalDelivery.ServiceDefaults.Resilience;

/// <summary>
/// Runs each outgoing request through a Polly pipeline: total timeout, retry with exponential backoff and jitter
/// (transient failures only, and only for requests that can be replayed), circuit breaker, per-attempt timeout.
/// Hand-built because Microsoft.Extensions.Http.Resilience cannot be obtained here.
/// </summary>
internal sealed class ResilientHttpHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipelineFactory.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) =>
                    await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken).ConfigureAwait(ctx.ContinueOnCapturedContext),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    internal static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || (int)response.StatusCode >= 500;
}
