using System.Net;
using MimeKit;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>The email channel: DeliveryWorker mails a working page link and the order's license keys over real SMTP.</summary>
public sealed class CustomerDeliveryTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Fact]
    public async Task An_access_delivery_mails_a_page_link_that_opens_the_order_page_with_the_license_keys()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("delivery-mail");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { LicenseKey = "KEY-AAAA-BBBB-CCCC-1234" });

        await RequestAccessDeliveryAsync(fixture, order);
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);

        Assert.Contains("KEY-AAAA-BBBB-CCCC-1234", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The Field Guide (PDF)", mail.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"^<[0-9a-f]{40}@digitaldelivery\.dev>$", mail.Headers[HeaderId.MessageId]);
        using var http = fixture.Factory.CreateClient();
        var page = await GetJsonAsync(http, $"/api/v1/my/{PageToken(mail.TextBody)}");
        Assert.Equal("Ada Buyer", page.GetProperty("order").GetProperty("customer_name").GetString());
        var file = Assert.Single(page.GetProperty("files").EnumerateArray());
        Assert.Equal(order.FileName, file.GetProperty("file_name").GetString());
        Assert.Equal(5, file.GetProperty("downloads_left").GetInt32());
        Assert.Equal("available", file.GetProperty("state").GetString());
        var key = Assert.Single(page.GetProperty("license_keys").EnumerateArray());
        Assert.Equal("KEY-AAAA-BBBB-CCCC-1234", key.GetProperty("key").GetString());
        Assert.Equal("Field Guide", key.GetProperty("product_name").GetString());
    }

    [Fact]
    public async Task A_keys_only_access_mail_links_the_order_page_that_keeps_the_keys()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("delivery-keys-only");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { LicenseKey = "KEY-ONLY-0000-1111", Revoked = true });

        await RequestAccessDeliveryAsync(fixture, order);
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);

        Assert.Contains("KEY-ONLY-0000-1111", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Download your files", mail.TextBody, StringComparison.Ordinal);
        using var http = fixture.Factory.CreateClient();
        var page = await GetJsonAsync(http, $"/api/v1/my/{PageToken(mail.TextBody)}");
        var key = Assert.Single(page.GetProperty("license_keys").EnumerateArray());
        Assert.Equal("KEY-ONLY-0000-1111", key.GetProperty("key").GetString());
    }

    [Fact]
    public async Task The_access_mail_has_a_plain_text_and_an_html_part_and_the_html_encodes_what_customers_and_merchants_wrote()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("delivery-html");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed
        {
            CustomerName = "Ada <b>Buyer</b> & Co", AssetName = "Guide <script>alert(1)</script>", LicenseKey = "KEY-1<i>2",
        });

        await RequestAccessDeliveryAsync(fixture, order);
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.Contains("Hello Ada <b>Buyer</b> & Co,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Guide <script>alert(1)</script>", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hello Ada &lt;b&gt;Buyer&lt;/b&gt; &amp; Co,", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Guide &lt;script&gt;alert(1)&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("KEY-1&lt;i&gt;2", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(PageToken(mail.TextBody), PageToken(mail.HtmlBody));
    }

    [Fact]
    public async Task A_redelivered_access_message_does_not_mail_the_customer_twice()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("delivery-once");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId);
        var messageId = Guid.CreateVersion7();

        await RequestAccessDeliveryAsync(fixture, order, messageId);
        await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);
        await fixture.WaitForDeliveryQueueToDrainAsync();
        // The same message id again is what a redelivery looks like to the handler (same idempotency key).
        await RequestAccessDeliveryAsync(fixture, order, messageId);
        await fixture.WaitForDeliveryQueueToDrainAsync();

        Assert.Single(fixture.Infrastructure.Smtp.MessagesTo(order.Email));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM customer_mail_receipts WHERE order_id = @id", ("id", order.OrderId)));
    }

    [Fact]
    public async Task An_order_whose_only_entitlement_is_revoked_gets_no_mail()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("delivery-revoked");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { Revoked = true });

        await RequestAccessDeliveryAsync(fixture, order);
        await fixture.WaitForDeliveryQueueToDrainAsync();

        Assert.Empty(fixture.Infrastructure.Smtp.MessagesTo(order.Email));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM download_links WHERE order_id = @id", ("id", order.OrderId)));
    }
}
