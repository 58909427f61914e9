using System.Text.Json;
using DigitalDelivery.Api.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Sandbox.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// The sandbox card processor's HTTP API under /sandbox/payments/v1. Bodies are read here rather than bound, so
/// malformed JSON is a 400 problem like any other bad input.
/// </summary>
internal static class SandboxPaymentEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapSandboxPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        // The processor stands for a third party: it does not use the platform's authentication.
        var group = app.MapGroup(SandboxPaymentApi.BasePath).WithTags("Payment sandbox").AllowAnonymous();
        group.MapPost("/preauthorizations", PreAuthorize).Accepts<SandboxPreAuthorizationRequest>("application/json");
        group.MapGet("/preauthorizations/{id}", Get);
        group.MapPost("/preauthorizations/{id}/capture", Capture).Accepts<SandboxAmountRequest>("application/json");
        group.MapPost("/preauthorizations/{id}/void", Void);
        group.MapPost("/preauthorizations/{id}/refunds", Refund).Accepts<SandboxAmountRequest>("application/json");
        return group;
    }

    private static async Task<Results<Ok<SandboxPreAuthorizationResponse>, ValidationProblem, ProblemHttpResult>> PreAuthorize(
        HttpContext context,
        [FromHeader(Name = SandboxPaymentApi.IdempotencyKeyHeader)] string? idempotencyKey,
        SandboxProcessor processor)
    {
        var request = await ReadBodyAsync<SandboxPreAuthorizationRequest>(context.Request, context.RequestAborted);
        if (request is null)
        {
            return UnreadableBody();
        }

        var errors = SandboxRequestValidation.Validate(request, idempotencyKey);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var outcome = await processor.PreAuthorizeAsync(request, idempotencyKey!, context.RequestAborted);
        MarkReplayed(context, outcome);
        return outcome.PreAuthorization is { } answer ? TypedResults.Ok(answer) : Problem(outcome);
    }

    private static async Task<Results<Ok<SandboxPaymentResponse>, ProblemHttpResult>> Get(string id, SandboxProcessor processor, CancellationToken cancellationToken)
    {
        var outcome = await processor.GetAsync(id, cancellationToken);
        return outcome.Payment is { } payment ? TypedResults.Ok(payment) : Problem(outcome);
    }

    private static Task<Results<Ok<SandboxPaymentResponse>, ValidationProblem, ProblemHttpResult>> Capture(
        string id, HttpContext context, [FromHeader(Name = SandboxPaymentApi.IdempotencyKeyHeader)] string? idempotencyKey, SandboxProcessor processor) =>
        AmountOperation(context, idempotencyKey, (request, key, ct) => processor.CaptureAsync(id, request, key, ct));

    private static async Task<Results<Ok<SandboxPaymentResponse>, ValidationProblem, ProblemHttpResult>> Void(
        string id, HttpContext context, [FromHeader(Name = SandboxPaymentApi.IdempotencyKeyHeader)] string? idempotencyKey, SandboxProcessor processor)
    {
        var errors = SandboxRequestValidation.ValidateKey(idempotencyKey);
        return errors.Count > 0
            ? Invalid(errors)
            : PaymentResult(context, await processor.VoidAsync(id, idempotencyKey!, context.RequestAborted));
    }

    private static Task<Results<Ok<SandboxPaymentResponse>, ValidationProblem, ProblemHttpResult>> Refund(
        string id, HttpContext context, [FromHeader(Name = SandboxPaymentApi.IdempotencyKeyHeader)] string? idempotencyKey, SandboxProcessor processor) =>
        AmountOperation(context, idempotencyKey, (request, key, ct) => processor.RefundAsync(id, request, key, ct));

    // Capture and refund share their shape: an amount in the body, an idempotency key, one processor call.
    private static async Task<Results<Ok<SandboxPaymentResponse>, ValidationProblem, ProblemHttpResult>> AmountOperation(
        HttpContext context, string? idempotencyKey, Func<SandboxAmountRequest, string, CancellationToken, Task<SandboxOutcome>> operation)
    {
        var request = await ReadBodyAsync<SandboxAmountRequest>(context.Request, context.RequestAborted);
        if (request is null)
        {
            return UnreadableBody();
        }

        var errors = SandboxRequestValidation.Validate(request, idempotencyKey);
        return errors.Count > 0
            ? Invalid(errors)
            : PaymentResult(context, await operation(request, idempotencyKey!, context.RequestAborted));
    }

    private static Results<Ok<SandboxPaymentResponse>, ValidationProblem, ProblemHttpResult> PaymentResult(HttpContext context, SandboxOutcome outcome)
    {
        MarkReplayed(context, outcome);
        return outcome.Payment is { } payment ? TypedResults.Ok(payment) : Problem(outcome);
    }

    private static void MarkReplayed(HttpContext context, SandboxOutcome outcome)
    {
        if (outcome.Replayed)
        {
            context.Response.Headers[SandboxPaymentApi.ReplayedHeader] = "true";
        }
    }

    private static ProblemHttpResult Problem(SandboxOutcome outcome)
    {
        var refusal = outcome.Refusal ?? throw new InvalidOperationException("A sandbox outcome without a body must be a refusal.");
        return TypedResults.Problem(
            detail: refusal.Detail,
            statusCode: outcome.Status,
            title: refusal.Title,
            type: SandboxProblems.TypeFor(refusal.Code),
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", type: SandboxProblems.ValidationType);

    private static ProblemHttpResult UnreadableBody() =>
        TypedResults.Problem(
            detail: $"The body must be a JSON object of at most {MaxBodyBytes} bytes.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request body could not be read.",
            type: SandboxProblems.ValidationType);

    /// <summary>Null when the body is missing, too large or not the expected JSON object.</summary>
    private static async Task<T?> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
