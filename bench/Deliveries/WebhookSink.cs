using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Bench.Deliveries;

/// <summary>
/// The merchant's endpoint: Kestrel on 127.0.0.1 answering 204 at once and noting when each webhook-id first
/// arrived. Signatures are not checked on this path (a receiver's cost is not the engine's); the first few calls
/// are kept whole so the benchmark can verify them afterwards.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private const int SampleSize = 5;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedWebhook> _samples = new();
    private long _calls;
    private int _sampling;

    private WebhookSink(WebApplication app)
    {
        _app = app;
        _app.Run(ReceiveAsync);
    }

    public sealed record ReceivedWebhook(HeaderDictionary Headers, string Body);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Distinct webhook-ids received.</summary>
    public int Count => _arrivals.Count;

    /// <summary>Every call, duplicates included (at least once: a retried attempt arrives again).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public IReadOnlyCollection<ReceivedWebhook> Samples => _samples;

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var sink = new WebhookSink(builder.Build());
        await sink._app.StartAsync();
        sink.BaseAddress = new Uri(sink._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return sink;
    }

    /// <summary>Arrival timestamps (Stopwatch) by webhook-id, taken and cleared.</summary>
    public Dictionary<string, long> TakeArrivals()
    {
        var taken = new Dictionary<string, long>(_arrivals, StringComparer.Ordinal);
        _arrivals.Clear();
        return taken;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _calls);
        var id = context.Request.Headers["webhook-id"].ToString();
        _arrivals.TryAdd(id, now);
        if (Volatile.Read(ref _sampling) < SampleSize && Interlocked.Increment(ref _sampling) <= SampleSize)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            _samples.Enqueue(new ReceivedWebhook(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body));
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
