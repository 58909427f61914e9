namespace DigitalDelivery.Tests.Orders;

/// <summary>
/// Holds back the sandbox's webhooks of one event type while closed, as a slow network would: a held request
/// waits (the dispatcher times out and retries later), everything else passes. Open by default.
/// </summary>
public sealed class WebhookGate
{
    private volatile TaskCompletionSource opened = Opened();
    private volatile string? heldType;

    public void Hold(string eventType)
    {
        heldType = eventType;
        opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open()
    {
        heldType = null;
        opened.TrySetResult();
    }

    public DelegatingHandler CreateHandler(HttpMessageHandler inner) => new GateHandler(this) { InnerHandler = inner };

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed class GateHandler(WebhookGate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (gate.heldType is { } held && request.Content is not null
                && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains($"\"{held}\"", StringComparison.Ordinal))
            {
                await gate.opened.Task.WaitAsync(cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
