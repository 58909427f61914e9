using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.Payments;

/// <summary>
/// POST /api/v1/payments/webhooks/sandbox: the only way the processor's word reaches the platform. Reads the raw
/// body, verifies the signature and its age, then hands the event to <see cref="PaymentEventInbox"/> (dedupe by
/// event id and IPaymentEventHandler in one transaction). 200 for first and repeated deliveries alike, 401 for a
/// missing, bad or stale signature, 400 for a correctly signed body that is not an event.
/// </summary>
public static class PaymentWebhookEndpoints
{
    public const string SandboxPath = "/api/v1/payments/webhooks/sandbox";
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPaymentWebhooks(this IEndpointRouteBuilder app)
    {
        // Authenticated by the signature, not by the platform's tokens: the processor has none.
        var group = app.MapGroup("/api/v1/payments/webhooks").WithTags("Payment webhooks").AllowAnonymous();
        group.MapPost("/sandbox", ReceiveSandbox).Accepts<object>("application/json");
        return app;
    }

    [ProblemResponses(StatusCodes.Status401Unauthorized, StatusCodes.Status413PayloadTooLarge)]
    private static async Task<Results<Ok<PaymentWebhookReceipt>, ProblemHttpResult>> ReceiveSandbox(
        HttpRequest request, PaymentWebhookVerifier verifier, PaymentEventInbox inbox, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PaymentWebhookEndpoints).FullName!);
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem(
                detail: $"A payment event is at most {MaxBodyBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                type: PaymentProblems.PayloadTooLarge);
        }

        var signature = request.Headers[PaymentWebhookSignature.HeaderName].ToString();
        switch (verifier.Verify(signature, body))
        {
            case VerifiedPaymentWebhook { Event: var paymentEvent }:
                var receipt = await inbox.ReceiveAsync(paymentEvent, request.HttpContext.RequestAborted);
                return TypedResults.Ok(new PaymentWebhookReceipt(paymentEvent.Id, receipt == PaymentEventReceipt.Duplicate));

            case RejectedPaymentWebhook { Reason: PaymentWebhookRejection.NotConfigured }:
                logger.LogError("A payment webhook arrived but Payments:Sandbox:WebhookSecret is not set; answering 503 so it is redelivered.");
                return TypedResults.Problem(
                    detail: "Payment webhooks cannot be verified yet; the delivery will be retried.",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Payment webhooks are not configured",
                    type: PaymentProblems.WebhooksNotConfigured);

            case RejectedPaymentWebhook { Reason: PaymentWebhookRejection.MalformedPayload }:
                logger.LogWarning("A correctly signed payment webhook did not contain a readable payment event.");
                return TypedResults.Problem(
                    detail: "The body is not a payment event.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Malformed payment event",
                    type: PaymentProblems.MalformedPaymentEvent);

            case RejectedPaymentWebhook { Reason: var reason }:
                logger.LogWarning("Rejected a payment webhook: {Reason}.", reason);
                return TypedResults.Problem(
                    detail: Describe(reason),
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Invalid webhook signature",
                    type: PaymentProblems.InvalidSignature,
                    extensions: new Dictionary<string, object?> { ["reason"] = ReasonCode(reason) });

            default:
                throw new InvalidOperationException("Unknown verification result.");
        }
    }

    private static string Describe(PaymentWebhookRejection reason) => reason switch
    {
        PaymentWebhookRejection.MissingSignature => $"The {PaymentWebhookSignature.HeaderName} header is missing.",
        PaymentWebhookRejection.MalformedSignature => $"The {PaymentWebhookSignature.HeaderName} header must be t=<unix seconds>,v1=<hex HMAC-SHA256>.",
        PaymentWebhookRejection.StaleTimestamp => "The signature's timestamp is outside the tolerance; a replayed delivery is refused.",
        _ => "No signature matches the body.",
    };

    private static string ReasonCode(PaymentWebhookRejection reason) => reason switch
    {
        PaymentWebhookRejection.MissingSignature => "missing_signature",
        PaymentWebhookRejection.MalformedSignature => "malformed_signature",
        PaymentWebhookRejection.StaleTimestamp => "stale_timestamp",
        _ => "signature_mismatch",
    };
}
