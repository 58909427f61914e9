using DigitalDelivery.Core.Payments;
using DigitalDelivery.Tests.Orders;

namespace DigitalDelivery.Tests.Fulfillment;

public sealed class WorkerCrashTests(FulfillmentFixture fixture) : IClassFixture<FulfillmentFixture>
{
    /// <summary>
    /// In-process stand-in for kill -9: the first Worker freezes after the processor confirmed the capture and is
    /// then stopped, so its message is never completed; the stop hands the message back (a killed process's lease
    /// would lapse instead, which the messaging tests cover). The captured webhook is held until then, so the order
    /// cannot be Paid before the crash.
    /// </summary>
    [Fact]
    public async Task A_Worker_that_dies_between_capture_and_Paid_is_finished_by_the_next_one_without_a_second_capture()
    {
        var tenant = await fixture.CreateTenantAsync("Crash");
        using var http = await fixture.ClientAsync(tenant);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId, stockLimit: 5);
        await fixture.AddAssetAsync(tenant.OrganizationId, product, maxDownloads: 2, expiresAfterDays: 7);
        fixture.Webhooks.Hold("payment.captured");

        var crashing = new CaptureObserver { HangAfterCapture = true };
        var firstWorker = fixture.CreateWorker(crashing.Install);
        _ = firstWorker.Services;
        var orderId = await FulfillmentFixture.OrderAndPayAsync(http, (product, 1));
        Assert.IsType<PaymentOperationSucceeded>(await crashing.FirstCapture.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Equal("captured", await fixture.ScalarAsync<string>(
            "SELECT status FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id)", ("id", orderId)));
        Assert.Equal("reserved", (await OrderRequests.GetAsync(http, orderId)).GetProperty("status").GetString());
        await firstWorker.DisposeAsync();

        var next = new CaptureObserver();
        await using var nextWorker = fixture.CreateWorker(next.Install);
        _ = nextWorker.Services;
        Assert.IsType<PaymentOperationSucceeded>(await next.FirstCapture.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        fixture.Webhooks.Open();
        await FulfillmentFixture.WaitForStatusAsync(http, orderId, "fulfilled");

        // A second real capture would have been refused (already captured) and compensated by cancelling the order.
        Assert.Equal(1, crashing.Captures);
        Assert.Equal(1, next.Captures);
        Assert.Equal(1L, await fixture.TransitionsToAsync(orderId, "paid"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM sandbox_payments WHERE id = (SELECT preauth_id FROM orders WHERE id = @id) AND captured_amount = amount",
            ("id", orderId)));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM download_access WHERE order_id = @id", ("id", orderId)));
    }
}
