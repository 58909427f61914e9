using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Payments;

/// <summary>The payment port's HTTP client against the sandbox processor running in the in-process Api.</summary>
public sealed class SandboxPaymentProviderTests(PaymentApiFixture fixture) : IClassFixture<PaymentApiFixture>
{
    private static readonly Money TenEuros = new(1000, "EUR");
    private readonly IPaymentProvider _provider = fixture.Provider;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_test_card_is_preauthorized_with_a_preauth_id()
    {
        var result = await _provider.PreAuthorizeAsync(Request(SandboxTestCards.Approved), Cancellation);

        var approved = Assert.IsType<PreAuthorizationApproved>(result);
        Assert.StartsWith("pa_", approved.PreauthId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SandboxTestCards.Declined, DeclineReason.Declined)]
    [InlineData(SandboxTestCards.InsufficientFunds, DeclineReason.InsufficientFunds)]
    [InlineData("4242424242424241", DeclineReason.IncorrectNumber)]
    public async Task Declining_test_cards_are_declined_with_their_reason(string cardNumber, DeclineReason expected)
    {
        var result = await _provider.PreAuthorizeAsync(Request(cardNumber), Cancellation);

        var declined = Assert.IsType<PreAuthorizationDeclined>(result);
        Assert.Equal(expected, declined.Reason);
        Assert.StartsWith("pa_", declined.PreauthId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_whose_processor_hangs_fails_as_unavailable_within_the_client_timeout()
    {
        // The processor would hang for 20 s; the client's own 2.5 s budget must end the call, with no retry stacked on top.
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(
            () => _provider.PreAuthorizeAsync(Request(SandboxTestCards.Hangs), Cancellation));

        clock.Stop();
        Assert.Equal(PaymentProviderUnavailableReason.Timeout, failure.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public async Task Capturing_again_with_the_same_key_answers_the_first_capture_and_captures_once()
    {
        var preauthId = await AuthorizeAsync();
        var key = NewKey("capture");

        var first = await _provider.CaptureAsync(preauthId, TenEuros, key, Cancellation);
        var again = await _provider.CaptureAsync(preauthId, TenEuros, key, Cancellation);
        var withNewKey = await _provider.CaptureAsync(preauthId, TenEuros, NewKey("capture"), Cancellation);

        var captured = Assert.IsType<PaymentOperationSucceeded>(first);
        Assert.Equal(PaymentStatus.Captured, captured.Payment.Status);
        Assert.Equal(1000, captured.Payment.CapturedMinorUnits);
        Assert.Equal(first, again);
        // A genuine second capture is refused, so the replay above did not capture a second time.
        Assert.Equal(PaymentRefusalReason.InvalidState, Assert.IsType<PaymentOperationRefused>(withNewKey).Reason);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_capture_all_get_the_same_answer()
    {
        var preauthId = await AuthorizeAsync();
        var key = NewKey("capture");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _provider.CaptureAsync(preauthId, TenEuros, key, Cancellation)));

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(1000, Assert.IsType<PaymentOperationSucceeded>(results[0]).Payment.CapturedMinorUnits);
    }

    [Fact]
    public async Task A_replayed_answer_is_marked_as_replayed()
    {
        var preauthId = await AuthorizeAsync();
        using var client = fixture.Api.CreateClient();
        var key = NewKey("capture");

        using var first = await PostAsync(client, SandboxPaymentApi.Capture(preauthId), new { amount = 1000, currency = "EUR" }, key);
        using var second = await PostAsync(client, SandboxPaymentApi.Capture(preauthId), new { amount = 1000, currency = "EUR" }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains(SandboxPaymentApi.ReplayedHeader));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues(SandboxPaymentApi.ReplayedHeader)));
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancellation), await second.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_refused_with_422()
    {
        var preauthId = await AuthorizeAsync();
        var key = NewKey("capture");
        await _provider.CaptureAsync(preauthId, new Money(400, "EUR"), key, Cancellation);

        await Assert.ThrowsAsync<PaymentIdempotencyConflictException>(
            () => _provider.CaptureAsync(preauthId, new Money(500, "EUR"), key, Cancellation));

        using var client = fixture.Api.CreateClient();
        using var raw = await PostAsync(client, SandboxPaymentApi.Capture(preauthId), new { amount = 600, currency = "EUR" }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, raw.StatusCode);
        Assert.Equal("application/problem+json", raw.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_capture_after_a_void_is_refused()
    {
        var preauthId = await AuthorizeAsync();

        var voided = await _provider.VoidAsync(preauthId, NewKey("void"), Cancellation);
        var capture = await _provider.CaptureAsync(preauthId, TenEuros, NewKey("capture"), Cancellation);

        Assert.Equal(PaymentStatus.Voided, Assert.IsType<PaymentOperationSucceeded>(voided).Payment.Status);
        var refused = Assert.IsType<PaymentOperationRefused>(capture);
        Assert.Equal(PaymentRefusalReason.InvalidState, refused.Reason);
    }

    [Fact]
    public async Task A_void_after_a_capture_is_refused()
    {
        var preauthId = await AuthorizeAsync();
        await _provider.CaptureAsync(preauthId, TenEuros, NewKey("capture"), Cancellation);

        var voided = await _provider.VoidAsync(preauthId, NewKey("void"), Cancellation);

        Assert.Equal(PaymentRefusalReason.InvalidState, Assert.IsType<PaymentOperationRefused>(voided).Reason);
    }

    [Fact]
    public async Task Capturing_more_than_was_authorized_is_refused()
    {
        var preauthId = await AuthorizeAsync();

        var capture = await _provider.CaptureAsync(preauthId, new Money(1001, "EUR"), NewKey("capture"), Cancellation);

        Assert.Equal(PaymentRefusalReason.AmountExceedsAuthorized, Assert.IsType<PaymentOperationRefused>(capture).Reason);
    }

    [Fact]
    public async Task Refunds_add_up_to_the_captured_amount_and_no_further()
    {
        var preauthId = await AuthorizeAsync();
        await _provider.CaptureAsync(preauthId, new Money(800, "EUR"), NewKey("capture"), Cancellation);

        var part = await _provider.RefundAsync(preauthId, new Money(300, "EUR"), NewKey("refund"), Cancellation);
        var tooMuch = await _provider.RefundAsync(preauthId, new Money(501, "EUR"), NewKey("refund"), Cancellation);
        var rest = await _provider.RefundAsync(preauthId, new Money(500, "EUR"), NewKey("refund"), Cancellation);

        var partial = Assert.IsType<PaymentOperationSucceeded>(part).Payment;
        Assert.Equal((PaymentStatus.PartiallyRefunded, 300L), (partial.Status, partial.RefundedMinorUnits));
        Assert.Equal(PaymentRefusalReason.AmountExceedsCaptured, Assert.IsType<PaymentOperationRefused>(tooMuch).Reason);
        var full = Assert.IsType<PaymentOperationSucceeded>(rest).Payment;
        Assert.Equal((PaymentStatus.Refunded, 800L), (full.Status, full.RefundedMinorUnits));
    }

    [Fact]
    public async Task A_refund_before_capture_is_refused()
    {
        var preauthId = await AuthorizeAsync();

        var refund = await _provider.RefundAsync(preauthId, TenEuros, NewKey("refund"), Cancellation);

        Assert.Equal(PaymentRefusalReason.InvalidState, Assert.IsType<PaymentOperationRefused>(refund).Reason);
    }

    [Fact]
    public async Task Operations_on_an_unknown_payment_are_refused_as_not_found()
    {
        var capture = await _provider.CaptureAsync("pa_unknown", TenEuros, NewKey("capture"), Cancellation);

        Assert.Equal(PaymentRefusalReason.NotFound, Assert.IsType<PaymentOperationRefused>(capture).Reason);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_timeouts_and_then_fails_fast()
    {
        using var host = fixture.CreateProviderHost(new Dictionary<string, string?>
        {
            ["Payments:Provider:Timeout"] = "00:00:00.300",
            ["Payments:Provider:CircuitBreakerMinimumThroughput"] = "2",
            ["Payments:Provider:CircuitBreakerBreakDuration"] = "00:01:00",
        });
        var provider = host.Services.GetRequiredService<IPaymentProvider>();
        for (var i = 0; i < 2; i++)
        {
            var timeout = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(
                () => provider.PreAuthorizeAsync(Request(SandboxTestCards.Hangs), Cancellation));
            Assert.Equal(PaymentProviderUnavailableReason.Timeout, timeout.Reason);
        }

        // This card would be approved at once: failing with CircuitOpen shows the call was not even attempted.
        var open = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(
            () => provider.PreAuthorizeAsync(Request(SandboxTestCards.Approved), Cancellation));

        Assert.Equal(PaymentProviderUnavailableReason.CircuitOpen, open.Reason);
    }

    [Fact]
    public async Task The_sandbox_answers_bad_input_with_problem_details()
    {
        using var client = fixture.Api.CreateClient();

        using var noKey = await PostAsync(client, SandboxPaymentApi.PreAuthorizationsPath, new { amount = 1000, currency = "EUR", card_number = SandboxTestCards.Approved, order_reference = "o" }, key: null);
        using var badFields = await PostAsync(client, SandboxPaymentApi.PreAuthorizationsPath, new { amount = -5, currency = "eur", card_number = "42", order_reference = "" }, NewKey("p"));
        using var notJson = await client.PostAsync(
            new Uri(SandboxPaymentApi.PreAuthorizationsPath, UriKind.Relative),
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
            Cancellation);

        foreach (var response in new[] { noKey, badFields, notJson })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var body = await badFields.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("card_number", body, StringComparison.Ordinal);
        Assert.Contains("currency", body, StringComparison.Ordinal);
    }

    private async Task<string> AuthorizeAsync()
    {
        var result = await _provider.PreAuthorizeAsync(Request(SandboxTestCards.Approved), Cancellation);
        return Assert.IsType<PreAuthorizationApproved>(result).PreauthId;
    }

    private static PreAuthorizationRequest Request(string cardNumber) =>
        new(TenEuros, cardNumber, $"order-{Guid.NewGuid():N}", NewKey("preauth"));

    private static string NewKey(string step) => $"{step}-{Guid.NewGuid():N}";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(SandboxPaymentApi.IdempotencyKeyHeader, key);
        }

        return await client.SendAsync(request, Cancellation);
    }
}
