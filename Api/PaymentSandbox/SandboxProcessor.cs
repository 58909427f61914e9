using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Sandbox.Contracts;
using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// The sandbox card processor's rules. Each operation runs in one transaction that claims the idempotency key,
/// row-locks the payment, checks its state, changes it, writes the webhook to the outbox and stores the answer
/// for replay; the webhook sender is woken only after the commit. Requests arrive validated.
/// </summary>
internal sealed class SandboxProcessor(
    NpgsqlDataSource dataSource,
    SandboxWebhookSignal webhookSignal,
    IOptions<PaymentSandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<SandboxProcessor> logger)
{
    public async Task<SandboxOutcome> PreAuthorizeAsync(SandboxPreAuthorizationRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var cardNumber = request.CardNumber!;
        if (cardNumber == SandboxTestCards.Hangs)
        {
            // Stands for a processor that stops answering: nothing is recorded. The wait ends early when the
            // client gives up (request aborted), so a test's timeout never leaves a request running.
            await Task.Delay(options.Value.HangDelay, timeProvider, cancellationToken);
            return SandboxOutcome.Refused(
                StatusCodes.Status504GatewayTimeout, SandboxWire.ProcessorTimeout, "Processor timeout", "The card network did not answer in time.");
        }

        return await InTransactionAsync(idempotencyKey, Fingerprint("preauthorize", string.Empty, request), async (connection, transaction) =>
        {
            var decline = Decide(cardNumber);
            var payment = new SandboxPaymentRow(
                NewId("pa"),
                decline is null ? PaymentStatus.Authorized : PaymentStatus.Declined,
                request.Amount!.Value,
                request.Currency!,
                CapturedAmount: 0,
                RefundedAmount: 0,
                request.OrderReference!,
                cardNumber[^4..],
                decline is null ? null : SandboxWire.ToWire(decline.Value));
            await SandboxPaymentStore.InsertAsync(connection, transaction, payment, cancellationToken);
            var type = decline is null ? PaymentEventTypes.Authorized : PaymentEventTypes.Declined;
            await SandboxWebhookOutbox.EnqueueAsync(connection, transaction, Event(type, payment, payment.Amount), cancellationToken);
            logger.LogInformation("Sandbox pre-authorisation {PreauthId} for card ending {CardLast4}: {Status}.", payment.Id, payment.CardLast4, payment.Status);
            return SandboxOutcome.Of(payment.ToPreAuthorizationResponse());
        }, cancellationToken);
    }

    public Task<SandboxOutcome> CaptureAsync(string preauthId, SandboxAmountRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        OnPaymentAsync(preauthId, "capture", request, idempotencyKey, payment =>
        {
            if (payment.Status != PaymentStatus.Authorized)
            {
                return Refuse(PaymentRefusalReason.InvalidState, $"A payment that is {SandboxWire.ToWire(payment.Status)} cannot be captured.");
            }

            if (request.Currency != payment.Currency)
            {
                return Refuse(PaymentRefusalReason.CurrencyMismatch, $"The payment is in {payment.Currency}.");
            }

            return request.Amount > payment.Amount
                ? Refuse(PaymentRefusalReason.AmountExceedsAuthorized, $"At most {payment.Amount} can be captured.")
                : Change(payment with { Status = PaymentStatus.Captured, CapturedAmount = request.Amount!.Value }, PaymentEventTypes.Captured, request.Amount!.Value);
        }, cancellationToken);

    public Task<SandboxOutcome> VoidAsync(string preauthId, string idempotencyKey, CancellationToken cancellationToken) =>
        OnPaymentAsync(preauthId, "void", request: null, idempotencyKey, payment =>
            payment.Status != PaymentStatus.Authorized
                ? Refuse(PaymentRefusalReason.InvalidState, $"A payment that is {SandboxWire.ToWire(payment.Status)} cannot be voided.")
                : Change(payment with { Status = PaymentStatus.Voided }, PaymentEventTypes.Voided, payment.Amount),
            cancellationToken);

    public Task<SandboxOutcome> RefundAsync(string preauthId, SandboxAmountRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        OnPaymentAsync(preauthId, "refund", request, idempotencyKey, payment =>
        {
            if (payment.Status is not (PaymentStatus.Captured or PaymentStatus.PartiallyRefunded))
            {
                return Refuse(PaymentRefusalReason.InvalidState, $"A payment that is {SandboxWire.ToWire(payment.Status)} cannot be refunded.");
            }

            if (request.Currency != payment.Currency)
            {
                return Refuse(PaymentRefusalReason.CurrencyMismatch, $"The payment is in {payment.Currency}.");
            }

            var refunded = payment.RefundedAmount + request.Amount!.Value;
            if (refunded > payment.CapturedAmount)
            {
                return Refuse(
                    PaymentRefusalReason.AmountExceedsCaptured,
                    $"{payment.CapturedAmount - payment.RefundedAmount} of the captured {payment.CapturedAmount} is left to refund.");
            }

            var status = refunded == payment.CapturedAmount ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
            return Change(payment with { Status = status, RefundedAmount = refunded }, PaymentEventTypes.Refunded, request.Amount.Value);
        }, cancellationToken);

    public async Task<SandboxOutcome> GetAsync(string preauthId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var payment = await SandboxPaymentStore.FindAsync(connection, preauthId, cancellationToken);
        return payment is null ? NotFound(preauthId) : SandboxOutcome.Of(payment.ToResponse());
    }

    private Task<SandboxOutcome> OnPaymentAsync(
        string preauthId, string operation, SandboxAmountRequest? request, string idempotencyKey,
        Func<SandboxPaymentRow, SandboxDecision> decide, CancellationToken cancellationToken) =>
        InTransactionAsync(idempotencyKey, Fingerprint(operation, preauthId, request), async (connection, transaction) =>
        {
            var payment = await SandboxPaymentStore.LockAsync(connection, transaction, preauthId, cancellationToken);
            if (payment is null)
            {
                return NotFound(preauthId);
            }

            var decision = decide(payment);
            if (decision.Refusal is { } refusal)
            {
                return refusal;
            }

            await SandboxPaymentStore.UpdateAsync(connection, transaction, decision.Changed!, cancellationToken);
            await SandboxWebhookOutbox.EnqueueAsync(connection, transaction, Event(decision.EventType!, decision.Changed!, decision.EventAmount), cancellationToken);
            logger.LogInformation("Sandbox payment {PreauthId}: {Operation} -> {Status}.", preauthId, operation, decision.Changed!.Status);
            return SandboxOutcome.Of(decision.Changed!.ToResponse());
        }, cancellationToken);

    private async Task<SandboxOutcome> InTransactionAsync(
        string idempotencyKey, byte[] requestHash, Func<NpgsqlConnection, NpgsqlTransaction, Task<SandboxOutcome>> operation, CancellationToken cancellationToken)
    {
        SandboxOutcome outcome;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var claim = await SandboxIdempotency.ClaimAsync(connection, transaction, idempotencyKey, requestHash, cancellationToken);
            if (claim.StoredOutcome is { } stored)
            {
                return stored;
            }

            if (claim.IsConflict)
            {
                return SandboxOutcome.Refused(
                    StatusCodes.Status422UnprocessableEntity,
                    SandboxWire.IdempotencyKeyReused,
                    "Idempotency key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
            }

            outcome = await operation(connection, transaction);
            await SandboxIdempotency.CompleteAsync(connection, transaction, idempotencyKey, outcome, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        webhookSignal.Notify();
        return outcome;
    }

    private PaymentEvent Event(string type, SandboxPaymentRow payment, long amount) =>
        new(NewId("evt"), type, timeProvider.GetUtcNow(), payment.Id, new Money(amount, payment.Currency), payment.OrderReference, payment.DeclineCode);

    private static SandboxDecision Refuse(PaymentRefusalReason reason, string detail) =>
        new(SandboxOutcome.Refused(StatusCodes.Status409Conflict, SandboxWire.ToWire(reason), "Payment operation refused", detail), null, null, 0);

    private static SandboxDecision Change(SandboxPaymentRow changed, string eventType, long eventAmount) =>
        new(null, changed, eventType, eventAmount);

    private static SandboxOutcome NotFound(string preauthId) =>
        SandboxOutcome.Refused(
            StatusCodes.Status404NotFound, SandboxWire.ToWire(PaymentRefusalReason.NotFound), "Payment not found", $"No payment has the id '{preauthId}'.");

    private static DeclineReason? Decide(string cardNumber) => cardNumber switch
    {
        SandboxTestCards.Declined => DeclineReason.Declined,
        SandboxTestCards.InsufficientFunds => DeclineReason.InsufficientFunds,
        _ when !PassesLuhn(cardNumber) => DeclineReason.IncorrectNumber,
        _ => null,
    };

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>What "the same request" means for an idempotency key: operation, target and the parsed body.</summary>
    private static byte[] Fingerprint(string operation, string target, object? request) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{operation}\n{target}\n{(request is null ? string.Empty : JsonSerializer.Serialize(request, request.GetType()))}"));

    private static string NewId(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}
