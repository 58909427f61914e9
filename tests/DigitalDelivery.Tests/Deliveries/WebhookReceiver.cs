using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>
/// A merchant's webhook endpoint on a real socket (Kestrel, 127.0.0.1, a free port): records every call and answers
/// from a per-path script (e.g. 500, 500, then 200), 200 once the script is used up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        _app.MapPost("/{**path}", ReceiveAsync);
    }

    /// <summary>What to answer; <paramref name="HoldUntil"/> keeps the call open until the test completes it (a slow receiver).</summary>
    public sealed record Answer(int Status, TimeSpan? RetryAfter = null, Task? HoldUntil = null);

    public sealed record ReceivedWebhook(string Path, IHeaderDictionary Headers, string Body, DateTimeOffset At);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>The answers for a path, in order; after them every call gets 200.</summary>
    public void Script(string path, params Answer[] answers) => _scripts[path] = new ConcurrentQueue<Answer>(answers);

    public IReadOnlyList<ReceivedWebhook> Received(string path) => [.. _received.Where(r => r.Path == path)];

    /// <summary>Waits until a call matching <paramref name="match"/> has arrived (or fails after the timeout).</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await _arrivals.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No webhook arrived for {what ?? "the condition"}; received: {string.Join(", ", _received.Select(r => r.Path))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? "/";
        var answer = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next) ? next : new Answer(200);
        _received.Enqueue(new ReceivedWebhook(path, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body, DateTimeOffset.UtcNow));
        _arrivals.Release();
        if (answer.HoldUntil is { } hold)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
