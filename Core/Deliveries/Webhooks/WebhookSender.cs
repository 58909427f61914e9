using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DigitalDelivery.Core.Security.DataProtection;
using StandardWebhooks;

namespace DigitalDelivery.Core.Deliveries.Webhooks;

/// <summary>
/// Makes one Standard Webhooks call: the payload as sent bytes, <c>webhook-id</c> (stable across retries, so the
/// receiver can drop duplicates), <c>webhook-timestamp</c> and <c>webhook-signature</c> signed by the StandardWebhooks
/// library with the destination's secret. Never follows redirects and never throws for what the receiver does:
/// every failure is an outcome. Used by DeliveryWorker for deliveries and by the Api's connection test.
/// It owns its HttpClient rather than taking one from IHttpClientFactory: the factory's defaults (ServiceDefaults)
/// add the standard resilience handler, which would retry behind the engine's back and hide attempts, and service
/// discovery, which would let a merchant's URL such as http://api reach our own services.
/// </summary>
public sealed class WebhookSender(SecretProtector protector, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = CreateClient();

    public async Task<WebhookOutcome> SendAsync(string url, string protectedSecret, string messageId, string payload, CancellationToken cancellationToken)
    {
        var webhook = new StandardWebhook(protector.Unprotect(WebhookSecrets.ProtectionPurpose, protectedSecret));
        var timestamp = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", webhook.Sign(messageId, timestamp, payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new WebhookOutcome((int)response.StatusCode, null, Stopwatch.GetElapsedTime(started), RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome(null, $"no answer within {Timeout.TotalSeconds:0} s", Stopwatch.GetElapsedTime(started), null);
        }
        catch (HttpRequestException ex)
        {
            // The message says what failed (refused, DNS, TLS) without echoing anything the receiver sent.
            return new WebhookOutcome(null, $"{ex.HttpRequestError}: {ex.Message}", Stopwatch.GetElapsedTime(started), null);
        }
    }

    public void Dispose() => _http.Dispose();

    // No redirects: a 3xx is the receiver's answer, and following it could carry a signed payload anywhere.
    private static HttpClient CreateClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = Timeout,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("DigitalDelivery-Webhooks/1.0");
        return client;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}
