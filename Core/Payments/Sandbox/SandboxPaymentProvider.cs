using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Core.Payments.Sandbox.Contracts;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace DigitalDelivery.Core.Payments.Sandbox;

/// <summary>
/// <see cref="IPaymentProvider"/> over HTTP against the sandbox processor. Each call goes through
/// <see cref="PaymentProviderPipeline"/> (circuit breaker, 2–3 s timeout, idempotent retry) and carries its
/// idempotency key as the Idempotency-Key header on every attempt. Transport trouble becomes
/// <see cref="PaymentProviderUnavailableException"/>; 404/409 problems become refusals.
/// </summary>
public sealed class SandboxPaymentProvider(HttpClient client, ResiliencePipelineProvider<string> pipelines, ILogger<SandboxPaymentProvider> logger)
    : IPaymentProvider
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = pipelines.GetPipeline<HttpResponseMessage>(PaymentProviderPipeline.Name);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    public async Task<PreAuthorizationResult> PreAuthorizeAsync(PreAuthorizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new SandboxPreAuthorizationRequest(
            request.Amount.MinorUnits, request.Amount.Currency, request.CardNumber, request.OrderReference);
        using var response = await SendAsync(SandboxPaymentApi.PreAuthorizationsPath, body, request.IdempotencyKey, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await UnexpectedAnswerAsync(response, cancellationToken);
        }

        var answer = await ReadAsync<SandboxPreAuthorizationResponse>(response, cancellationToken);
        return answer.Outcome == SandboxWire.Approved
            ? new PreAuthorizationApproved(answer.PreauthId)
            : new PreAuthorizationDeclined(SandboxWire.ParseDecline(answer.DeclineCode), answer.PreauthId);
    }

    public Task<PaymentOperationResult> CaptureAsync(string preauthId, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(SandboxPaymentApi.Capture(preauthId), new SandboxAmountRequest(amount.MinorUnits, amount.Currency), idempotencyKey, cancellationToken);

    public Task<PaymentOperationResult> VoidAsync(string preauthId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(SandboxPaymentApi.Void(preauthId), body: null, idempotencyKey, cancellationToken);

    public Task<PaymentOperationResult> RefundAsync(string preauthId, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(SandboxPaymentApi.Refunds(preauthId), new SandboxAmountRequest(amount.MinorUnits, amount.Currency), idempotencyKey, cancellationToken);

    private async Task<PaymentOperationResult> OperateAsync(string path, object? body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, body, idempotencyKey, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var payment = await ReadAsync<SandboxPaymentResponse>(response, cancellationToken);
            return new PaymentOperationSucceeded(new PaymentSnapshot(
                payment.Id,
                SandboxWire.ParseStatus(payment.Status),
                new Money(payment.Amount, payment.Currency),
                payment.CapturedAmount,
                payment.RefundedAmount,
                payment.OrderReference));
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            var (code, detail) = await ReadProblemAsync(response, cancellationToken);
            if (SandboxWire.TryParseRefusal(code, out var reason))
            {
                return new PaymentOperationRefused(reason, detail ?? code!);
            }
        }

        throw await UnexpectedAnswerAsync(response, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, object? body, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!SandboxPaymentApi.IsValidIdempotencyKey(idempotencyKey))
        {
            throw new ArgumentException("An idempotency key is 1 to 255 printable ASCII characters.", nameof(idempotencyKey));
        }

        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json);
        var target = new Uri(path.TrimStart('/'), UriKind.Relative);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    // HttpClient sends a message only once, so each attempt gets a fresh one with the same key.
                    using var message = new HttpRequestMessage(HttpMethod.Post, target);
                    message.Headers.Add(SandboxPaymentApi.IdempotencyKeyHeader, idempotencyKey);
                    if (payload is not null)
                    {
                        message.Content = new ByteArrayContent(payload);
                        message.Content.Headers.ContentType = JsonMediaType;
                    }

                    return await client.SendAsync(message, token);
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Unavailable(PaymentProviderUnavailableReason.Timeout, path, "did not answer in time", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw Unavailable(PaymentProviderUnavailableReason.CircuitOpen, path, "is failing; the circuit is open", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(PaymentProviderUnavailableReason.Unreachable, path, "could not be reached", ex);
        }

        if ((int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw Unavailable(PaymentProviderUnavailableReason.ProcessorError, path, $"answered {status}", null);
        }

        return response;
    }

    private PaymentProviderUnavailableException Unavailable(PaymentProviderUnavailableReason reason, string path, string what, Exception? inner)
    {
        logger.LogWarning("The payment processor {What} ({Reason}) for {Path}.", what, reason, path);
        return new PaymentProviderUnavailableException(reason, $"The payment processor {what}; the outcome of the call is unknown.", inner);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new JsonException("The processor answered with an empty body.");
        }
        catch (JsonException ex)
        {
            // An answer we cannot read leaves the outcome unknown, exactly like no answer at all.
            throw new PaymentProviderUnavailableException(
                PaymentProviderUnavailableReason.ProcessorError, "The payment processor's answer could not be read.", ex);
        }
    }

    private static async Task<(string? Code, string? Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return (ReadString(problem.RootElement, "code"), ReadString(problem.RootElement, "detail"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task<PaymentProviderException> UnexpectedAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (code, detail) = await ReadProblemAsync(response, cancellationToken);
        if (code == SandboxWire.IdempotencyKeyReused)
        {
            return new PaymentIdempotencyConflictException(detail ?? "The idempotency key was used for a different request.");
        }

        return new PaymentRequestRejectedException(
            $"The payment processor rejected the request ({(int)response.StatusCode} {code}): {detail}");
    }
}
