using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Email destinations through the real relay (the SMTP sink), the payload as attachment or body.</summary>
public sealed class EmailDeliveryTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    private const string Event = "order.fulfilled";

    [Fact]
    public async Task An_event_is_mailed_with_the_payload_attached_and_the_deliverys_message_id()
    {
        var tenant = await fixture.CreateTenantAsync("email-attachment");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var to = $"ops-{Guid.NewGuid():N}@shop.example";
        var destination = await CreateAsync(http, to, format: "attachment");

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "mailed-1" });

        var message = await fixture.Infrastructure.Smtp.WaitForMessageAsync(to, cancellationToken: Ct);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, Ct);
        using var payload = JsonDocument.Parse(content.ToArray());
        Assert.Equal("mailed-1", payload.RootElement.GetProperty("data").GetProperty("order_id").GetString());
        Assert.Equal("[Shop] order.fulfilled", message.Subject);
        var delivery = await DeliveredAsync(http, destination);
        Assert.Equal($"{delivery.GetProperty("id").GetGuid():N}@deliveries.digitaldelivery.dev", message.MessageId);
        Assert.Equal($"<{message.MessageId}>", delivery.GetProperty("result").GetString());
    }

    [Fact]
    public async Task The_body_format_carries_the_payload_in_the_text_and_the_connection_test_sends_a_test_mail()
    {
        var tenant = await fixture.CreateTenantAsync("email-body");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var to = $"finance-{Guid.NewGuid():N}@shop.example";
        var destination = await CreateAsync(http, to, format: "body");

        var test = await JsonAsync(await http.PostAsync(new Uri($"/api/v1/destinations/{destination}/test", UriKind.Relative), null, Ct), HttpStatusCode.OK);
        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "mailed-2" });

        Assert.True(test.GetProperty("succeeded").GetBoolean(), test.ToString());
        var messages = await fixture.Infrastructure.Smtp.WaitForMessagesAsync(to, count: 2, cancellationToken: Ct);
        Assert.Contains(messages, m => (m.TextBody ?? string.Empty).Contains("destination.test", StringComparison.Ordinal));
        var mailed = Assert.Single(messages, m => (m.TextBody ?? string.Empty).Contains("mailed-2", StringComparison.Ordinal));
        Assert.Empty(mailed.Attachments);
    }

    [Fact]
    public async Task A_deliverys_files_are_attached_beside_the_payload_and_files_too_large_to_mail_fail_at_once()
    {
        var tenant = await fixture.CreateTenantAsync("email-files");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var to = $"books-{Guid.NewGuid():N}@shop.example";
        var destination = await CreateAsync(http, to, format: "attachment");
        var book = DeliveryFilesHttp.Pattern(300_000, seed: 4);
        var file = await DeliveryFilesHttp.UploadCleanAsync(fixture, http, book, "book.pdf");

        await DeliveryFilesHttp.SubmitAndWaitAsync(http, destination, "delivered", file);
        var large = await fixture.ScalarAsync<Guid>(
            "UPDATE catalog_files SET size_bytes = @size WHERE id = @id RETURNING id", ("size", 19L * 1024 * 1024), ("id", file));
        var refused = await DeliveryFilesHttp.SubmitAndWaitAsync(http, destination, "failed", large);

        var message = await fixture.Infrastructure.Smtp.WaitForMessageAsync(to, cancellationToken: Ct);
        var attached = Assert.IsType<MimePart>(Assert.Single(message.Attachments, a => a is MimePart { FileName: "book.pdf" }));
        Assert.Equal(await fixture.ScalarAsync<string>("SELECT content_type FROM catalog_files WHERE id = @id", ("id", file)), attached.ContentType.MimeType);
        using var content = new MemoryStream();
        await attached.Content!.DecodeToAsync(content, Ct);
        Assert.Equal(book, content.ToArray());
        Assert.Equal(2, message.Attachments.Count());
        Assert.Equal(1, refused.GetProperty("attempt_count").GetInt32());
        Assert.Contains("too large to mail", refused.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    private static async Task<Guid> CreateAsync(HttpClient http, string to, string format)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = "Operations mailbox", type = "email", config = new { to = new[] { to }, subject = "[Shop] {event_type}", format }, events = new[] { Event },
        }, Ct);
        var created = await JsonAsync(response, HttpStatusCode.Created);
        Assert.False(created.TryGetProperty("signing_secret", out _));
        return created.GetProperty("destination").GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> DeliveredAsync(HttpClient http, Guid destination)
    {
        JsonElement delivery = default;
        await DigitalDelivery.Tests.Messaging.Support.Eventually.WaitUntilAsync(async () =>
        {
            var deliveries = await GetJsonAsync(http, $"/api/v1/deliveries?destination_id={destination}");
            delivery = deliveries.GetArrayLength() == 1 ? deliveries[0] : default;
            return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("status").GetString() == "delivered";
        }, TimeSpan.FromSeconds(30), "the mail delivery to be recorded");
        return delivery;
    }
}
