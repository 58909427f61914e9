using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Tests.Payments;

/// <summary>Signature checks in isolation: no I/O, a clock the test sets.</summary>
public sealed class PaymentWebhookVerifierTests
{
    private const string Secret = "whsec_current_secret_for_verifier_tests";
    private const string OldSecret = "whsec_previous_secret_for_verifier_tests";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Now);

    [Fact]
    public void A_correctly_signed_fresh_event_is_verified()
    {
        var paymentEvent = PaymentEvents.Captured();
        var body = PaymentEvents.Body(paymentEvent);

        var result = Verifier().Verify(PaymentEvents.Sign(body, Now, Secret), body);

        Assert.Equal(paymentEvent, Assert.IsType<VerifiedPaymentWebhook>(result).Event);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected()
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());

        var result = Verifier().Verify(PaymentEvents.Sign(body, Now, "whsec_forged_by_someone_else"), body);

        Assert.Equal(PaymentWebhookRejection.SignatureMismatch, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Fact]
    public void A_body_changed_after_signing_is_rejected()
    {
        var paymentEvent = PaymentEvents.Captured();
        var signature = PaymentEvents.Sign(PaymentEvents.Body(paymentEvent), Now, Secret);
        var tampered = PaymentEvents.Body(paymentEvent with { Amount = new(1, "EUR") });

        var result = Verifier().Verify(signature, tampered);

        Assert.Equal(PaymentWebhookRejection.SignatureMismatch, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Fact]
    public void Moving_the_timestamp_of_a_signed_delivery_breaks_its_signature()
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());
        var old = PaymentEvents.Sign(body, Now.AddHours(-1), Secret);
        var moved = "t=" + Now.ToUnixTimeSeconds() + old[old.IndexOf(',', StringComparison.Ordinal)..];

        var result = Verifier().Verify(moved, body);

        Assert.Equal(PaymentWebhookRejection.SignatureMismatch, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_more_than_300_seconds_from_now_either_way_is_rejected(int offsetSeconds)
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());

        var result = Verifier().Verify(PaymentEvents.Sign(body, Now.AddSeconds(offsetSeconds), Secret), body);

        Assert.Equal(PaymentWebhookRejection.StaleTimestamp, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void A_timestamp_within_300_seconds_is_accepted(int offsetSeconds)
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());

        var result = Verifier().Verify(PaymentEvents.Sign(body, Now.AddSeconds(offsetSeconds), Secret), body);

        Assert.IsType<VerifiedPaymentWebhook>(result);
    }

    [Fact]
    public void A_delivery_that_was_fresh_is_rejected_when_replayed_later()
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());
        var signature = PaymentEvents.Sign(body, Now, Secret);
        var verifier = Verifier();
        Assert.IsType<VerifiedPaymentWebhook>(verifier.Verify(signature, body));

        _clock.Now = Now.AddMinutes(6);

        Assert.Equal(PaymentWebhookRejection.StaleTimestamp, Assert.IsType<RejectedPaymentWebhook>(verifier.Verify(signature, body)).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_signature_is_rejected(string? header)
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());

        var result = Verifier().Verify(header, body);

        Assert.Equal(PaymentWebhookRejection.MissingSignature, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Theory]
    [InlineData("v1=00")]
    [InlineData("t=1700000000")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1700000000,v1=not-hex")]
    [InlineData("garbage")]
    public void A_malformed_signature_header_is_rejected(string header)
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());

        var result = Verifier().Verify(header, body);

        Assert.Equal(PaymentWebhookRejection.MalformedSignature, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Fact]
    public void During_rotation_a_delivery_signed_with_old_and_new_secrets_verifies_with_either()
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());
        var both = PaymentEvents.Sign(body, Now, OldSecret, Secret);

        Assert.IsType<VerifiedPaymentWebhook>(Verifier().Verify(both, body));
        Assert.IsType<VerifiedPaymentWebhook>(Verifier(current: OldSecret).Verify(both, body));
    }

    [Fact]
    public void A_receiver_that_rotated_still_accepts_the_previous_secret_until_it_is_removed()
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());
        var signedWithOld = PaymentEvents.Sign(body, Now, OldSecret);

        Assert.IsType<VerifiedPaymentWebhook>(Verifier(previous: OldSecret).Verify(signedWithOld, body));
        Assert.IsType<RejectedPaymentWebhook>(Verifier().Verify(signedWithOld, body));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"id":"evt_1","type":"payment.captured","created_at":"2026-11-22T10:00:00Z","data":{"preauth_id":"pa_1","amount":-1,"currency":"EUR","order_reference":"o"}}""")]
    [InlineData("""{"id":"evt_1","type":"payment.captured","created_at":"2026-11-22T10:00:00Z","data":{"preauth_id":"pa_1","amount":5,"currency":"eur","order_reference":"o"}}""")]
    public void A_correctly_signed_body_that_is_not_an_event_is_rejected_as_malformed(string json)
    {
        var body = PaymentEvents.Utf8(json);

        var result = Verifier().Verify(PaymentEvents.Sign(body, Now, Secret), body);

        Assert.Equal(PaymentWebhookRejection.MalformedPayload, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    [Fact]
    public void Without_a_configured_secret_nothing_verifies()
    {
        var body = PaymentEvents.Body(PaymentEvents.Captured());
        var verifier = new PaymentWebhookVerifier(Options.Create(new PaymentWebhookOptions()), _clock);

        var result = verifier.Verify(PaymentEvents.Sign(body, Now, Secret), body);

        Assert.Equal(PaymentWebhookRejection.NotConfigured, Assert.IsType<RejectedPaymentWebhook>(result).Reason);
    }

    private PaymentWebhookVerifier Verifier(string current = Secret, string? previous = null)
    {
        var options = new PaymentWebhookOptions { WebhookSecret = current };
        if (previous is not null)
        {
            options.PreviousWebhookSecrets.Add(previous);
        }

        return new PaymentWebhookVerifier(Options.Create(options), _clock);
    }
}
