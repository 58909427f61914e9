using DigitalDelivery.LocalServers;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>DeliveryWorker with an SMTP server that does not answer: the delivery is retried and leaves no live link behind.</summary>
public sealed class SmtpFailureTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Fact]
    public async Task A_mail_that_cannot_be_sent_is_retried_and_its_link_retired()
    {
        fixture.StartDeliveryWorker($"smtp://127.0.0.1:{FreePort.Next()}");
        var tenant = await fixture.CreateTenantAsync("smtp-down");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);

        await RequestAccessDeliveryAsync(fixture, order);

        // One statement, one snapshot: between attempts (no lease held) every link an attempt minted must be retired.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        string[] snapshot;
        do
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The failed delivery was not scheduled for a retry in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
            snapshot = (await fixture.ScalarAsync<string>(
                """
                SELECT m.attempts || ':' || (m.lock_token IS NULL) || ':'
                       || (SELECT count(*) FROM download_links l WHERE l.order_id = @id) || ':'
                       || (SELECT count(*) FROM download_links l WHERE l.order_id = @id AND l.revoked_at IS NULL)
                FROM messaging_messages m WHERE m.queue = 'delivery'
                """,
                ("id", order.OrderId)) ?? "0:false:0:0").Split(':');
        }
        while (!(int.Parse(snapshot[0], System.Globalization.CultureInfo.InvariantCulture) >= 1 && snapshot[1] == "true"));

        Assert.NotEqual("0", snapshot[2]);
        Assert.Equal("0", snapshot[3]);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM customer_mail_receipts WHERE order_id = @id", ("id", order.OrderId)));
    }
}
