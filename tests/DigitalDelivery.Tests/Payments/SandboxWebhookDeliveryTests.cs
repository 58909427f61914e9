using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Webhooks;

namespace DigitalDelivery.Tests.Payments;

/// <summary>The sandbox's signed webhooks reach the platform's endpoint after each change commits, retried until accepted.</summary>
public sealed class SandboxWebhookDeliveryTests(PaymentApiFixture fixture) : IClassFixture<PaymentApiFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_capture_the_processors_signed_webhook_reaches_the_payment_event_handler()
    {
        var orderReference = $"order-{Guid.NewGuid():N}";
        var preauthId = await AuthorizeAsync(orderReference);

        await fixture.Provider.CaptureAsync(preauthId, new Money(2500, "EUR"), $"capture-{orderReference}", Cancellation);

        var authorized = await fixture.Events.WaitForAsync(e => e.PreauthId == preauthId && e.Type == PaymentEventTypes.Authorized, Patience);
        var captured = await fixture.Events.WaitForAsync(e => e.PreauthId == preauthId && e.Type == PaymentEventTypes.Captured, Patience);
        Assert.Equal((orderReference, new Money(2500, "EUR")), (captured.OrderReference, captured.Amount));
        Assert.NotEqual(authorized.Id, captured.Id);
    }

    [Fact]
    public async Task A_declined_card_is_announced_with_its_decline_code()
    {
        var orderReference = $"order-{Guid.NewGuid():N}";
        var result = await fixture.Provider.PreAuthorizeAsync(
            new PreAuthorizationRequest(new Money(2500, "EUR"), SandboxTestCards.InsufficientFunds, orderReference, $"preauth-{orderReference}"),
            Cancellation);

        var declined = await fixture.Events.WaitForAsync(e => e.OrderReference == orderReference, Patience);

        Assert.Equal(Assert.IsType<PreAuthorizationDeclined>(result).PreauthId, declined.PreauthId);
        Assert.Equal((PaymentEventTypes.Declined, "insufficient_funds"), (declined.Type, declined.DeclineCode));
    }

    [Fact]
    public async Task Void_and_refund_are_announced_too()
    {
        var voidedOrder = $"order-{Guid.NewGuid():N}";
        var refundedOrder = $"order-{Guid.NewGuid():N}";
        var toVoid = await AuthorizeAsync(voidedOrder);
        var toRefund = await AuthorizeAsync(refundedOrder);
        await fixture.Provider.VoidAsync(toVoid, $"void-{voidedOrder}", Cancellation);
        await fixture.Provider.CaptureAsync(toRefund, new Money(2500, "EUR"), $"capture-{refundedOrder}", Cancellation);
        await fixture.Provider.RefundAsync(toRefund, new Money(1000, "EUR"), $"refund-{refundedOrder}", Cancellation);

        await fixture.Events.WaitForAsync(e => e.PreauthId == toVoid && e.Type == PaymentEventTypes.Voided, Patience);
        var refunded = await fixture.Events.WaitForAsync(e => e.PreauthId == toRefund && e.Type == PaymentEventTypes.Refunded, Patience);

        Assert.Equal(new Money(1000, "EUR"), refunded.Amount);
    }

    [Fact]
    public async Task A_delivery_the_platform_fails_is_retried_until_it_is_handled()
    {
        var orderReference = $"order-{Guid.NewGuid():N}";
        fixture.Events.FailFirstDeliveriesOf(orderReference, failures: 2);

        var preauthId = await AuthorizeAsync(orderReference);

        await fixture.Events.WaitForAsync(e => e.PreauthId == preauthId && e.Type == PaymentEventTypes.Authorized, Patience);
        Assert.Equal(3, fixture.Events.AttemptsFor(orderReference));
        Assert.Single(fixture.Events.Handled, e => e.PreauthId == preauthId);
    }

    private async Task<string> AuthorizeAsync(string orderReference)
    {
        var result = await fixture.Provider.PreAuthorizeAsync(
            new PreAuthorizationRequest(new Money(2500, "EUR"), SandboxTestCards.Approved, orderReference, $"preauth-{orderReference}"),
            Cancellation);
        return Assert.IsType<PreAuthorizationApproved>(result).PreauthId;
    }
}
