using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DigitalDelivery.Core.Deliveries.Handlers.Network;
using StandardWebhooks;

namespace DigitalDelivery.Core.Deliveries.Handlers.Webhook;

/// <summary>
/// Makes one Standard Webhooks call: the payload as sent bytes, <c>webhook-id</c> (stable across retries, so the
/// receiver can drop duplicates), <c>webhook-timestamp</c> and <c>webhook-signature</c> signed by the StandardWebhooks
/// library with every secret given (the current one and, during a rotation, the previous one, space-separated as
/// the specification allows). Never follows redirects and never throws for what the receiver does.
/// It owns its HttpClient rather than taking one from IHttpClientFactory: the factory's defaults (ServiceDefaults)
/// add the standard resilience handler, which would retry behind the engine's back and hide attempts, and service
/// discovery, which would let a merchant's URL such as http://api reach our own services; its connections go
/// through <see cref="OutboundConnector"/>.
/// </summary>
public sealed class WebhookSender(OutboundConnector connector, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = CreateClient(connector);

    public async Task<DeliveryOutcome> SendAsync(
        WebhookConfig config, IReadOnlyList<string> secrets, string messageId, string payload, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(messageId, timestamp, payload))));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return DeliveryOutcome.FromHttpStatus((int)response.StatusCode, Stopwatch.GetElapsedTime(started), RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Transient($"no answer within {config.Timeout.TotalSeconds:0} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            return DeliveryOutcome.Permanent(refused.Message, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            // The message says what failed (refused, DNS, TLS) without echoing anything the receiver sent.
            return DeliveryOutcome.Transient($"{ex.HttpRequestError}: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();

    // No redirects: a 3xx is the receiver's answer, and following it could carry a signed payload anywhere.
    private static HttpClient CreateClient(OutboundConnector connector)
    {
        var client = new HttpClient(connector.CreateHttpHandler(TimeSpan.FromSeconds(WebhookConfig.MaxTimeoutSeconds)))
        {
            Timeout = Timeout.InfiniteTimeSpan,
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
