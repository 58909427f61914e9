using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// Sends the sandbox's webhooks from its outbox: claims due events (SKIP LOCKED, so several Api replicas share
/// the work), signs each with the current time and every configured secret, POSTs it, and deletes it on 2xx or
/// reschedules it (5 s, 30 s, 3 min, ... ±20 %) otherwise, giving up after WebhookMaxAttempts.
/// </summary>
internal sealed class SandboxWebhookDispatcher(
    NpgsqlDataSource dataSource,
    IHttpClientFactory httpClientFactory,
    SandboxWebhookTarget target,
    SandboxWebhookSignal signal,
    IOptions<PaymentSandboxOptions> sandboxOptions,
    IOptions<PaymentWebhookOptions> webhookOptions,
    TimeProvider timeProvider,
    ILogger<SandboxWebhookDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan IdempotencyCleanupInterval = TimeSpan.FromMinutes(10);

    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = sandboxOptions.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchDueAsync(settings, stoppingToken);
                await ForgetOldIdempotencyKeysWhenDueAsync(stoppingToken);
                failures = 0;
            }
            catch (NpgsqlException ex)
            {
                failures++;
                logger.LogWarning(ex, "The payment sandbox could not read its webhook outbox (attempt {Failures}).", failures);
            }

            if (claimed < BatchSize)
            {
                // After database errors, wait longer each time (up to 30 s) instead of hammering a database that is down.
                var wait = failures == 0 ? settings.WebhookPollInterval : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures)));
                await signal.WaitAsync(wait, stoppingToken);
            }
        }
    }

    private async Task<int> DispatchDueAsync(PaymentSandboxOptions settings, CancellationToken stoppingToken)
    {
        // The lease outlasts one send, so no other sender takes the event while this one is still trying.
        var lease = settings.WebhookTimeout + settings.WebhookTimeout + TimeSpan.FromSeconds(5);
        var due = await SandboxWebhookOutbox.ClaimDueAsync(dataSource, BatchSize, lease, stoppingToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var client = httpClientFactory.CreateClient(PaymentSandboxExtensions.WebhookHttpClientName);
        var url = target.Resolve();
        foreach (var webhook in due)
        {
            var error = await SendAsync(client, url, webhook, stoppingToken);
            if (error is null)
            {
                await SandboxWebhookOutbox.DeleteAsync(dataSource, webhook.EventId, stoppingToken);
                continue;
            }

            var retryIn = webhook.Attempts < settings.WebhookMaxAttempts ? settings.RetryDelay(webhook.Attempts) : (TimeSpan?)null;
            await SandboxWebhookOutbox.RescheduleAsync(dataSource, webhook.EventId, retryIn, error, stoppingToken);
            if (retryIn is null)
            {
                logger.LogError("Gave up delivering payment webhook {EventId} ({EventType}) after {Attempts} attempts: {Error}.",
                    webhook.EventId, webhook.EventType, webhook.Attempts, error);
            }
            else
            {
                logger.LogWarning("Payment webhook {EventId} ({EventType}) attempt {Attempts} failed: {Error}; next in {RetryIn}.",
                    webhook.EventId, webhook.EventType, webhook.Attempts, error, retryIn);
            }
        }

        return due.Count;
    }

    /// <summary>Null on success (2xx); otherwise what went wrong, for the outbox row's last_error.</summary>
    private async Task<string?> SendAsync(HttpClient client, Uri url, SandboxWebhook webhook, CancellationToken stoppingToken)
    {
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(webhook.Payload) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(
            PaymentWebhookSignature.HeaderName,
            PaymentWebhookSignature.CreateHeader(timestamp, webhookOptions.Value.Secrets, webhook.Payload));
        try
        {
            using var response = await client.SendAsync(request, stoppingToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    private async Task ForgetOldIdempotencyKeysWhenDueAsync(CancellationToken stoppingToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now + IdempotencyCleanupInterval;
        var forgotten = await SandboxIdempotency.ForgetOldIdempotencyKeysAsync(dataSource, stoppingToken);
        if (forgotten > 0)
        {
            logger.LogInformation("Forgot {Count} sandbox idempotency keys older than 24 hours.", forgotten);
        }
    }
}
