extern alias deliveryworker;

using deliveryworker::DigitalDelivery.DeliveryWorker.CustomerAccess;
using DigitalDelivery.Core.Mail;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using MimeKit;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>DeliveryWorker's SMTP client (MailKit) against the real test SMTP server, and the forms of its settings.</summary>
public sealed class CustomerMailerTests(LocalInfrastructure infrastructure)
{
    [Fact]
    public async Task A_retried_send_carries_the_same_message_id()
    {
        var mailer = new CustomerMailer(new SmtpMailSender(Settings(("ConnectionStrings:smtp", infrastructure.Smtp.ConnectionString))));
        var to = $"retry-{Guid.NewGuid():N}@customers.example";
        var mail = new CustomerMail(
            to, "Your order", new CustomerMailBody().Paragraph("Hello"), "<0123456789abcdef0123456789abcdef01234567@digitaldelivery.dev>");

        await mailer.SendAsync(mail, Ct);
        await mailer.SendAsync(mail, Ct);
        var received = await infrastructure.Smtp.WaitForMessagesAsync(to, count: 2, cancellationToken: Ct);

        Assert.Equal(2, received.Count);
        Assert.All(received, message => Assert.Equal(mail.MessageId, message.Headers[HeaderId.MessageId]));
        Assert.All(received, message => Assert.Equal(
            ("DigitalDelivery", "no-reply@digitaldelivery.dev"),
            message.From.Mailboxes.Select(from => (from.Name, from.Address)).Single()));
    }

    [Theory]
    [InlineData("smtp://mail.test:2525", "mail.test", 2525, false, null, null)]
    [InlineData("smtp://mail.test", "mail.test", 25, false, null, null)]
    [InlineData("smtps://mail.test", "mail.test", 465, true, null, null)]
    [InlineData("smtp://relay%40shop:p%3Ass@mail.test:587", "mail.test", 587, false, "relay@shop", "p:ss")]
    [InlineData("Endpoint=smtp://mail.test:1025;Username=relay;Password=secret", "mail.test", 1025, false, "relay", "secret")]
    public void Every_connection_string_form_names_the_server_and_its_credentials(
        string connectionString, string host, int port, bool tls, string? userName, string? password)
    {
        var settings = Settings(("ConnectionStrings:smtp", connectionString));

        Assert.Equal((host, port, tls, userName, password), (settings.Host, settings.Port, settings.EnableSsl, settings.UserName, settings.Password));
    }

    [Fact]
    public void The_smtp_section_overrides_the_connection_string_field_by_field()
    {
        var settings = Settings(
            ("ConnectionStrings:smtp", "smtp://relay:secret@mail.test:2525"),
            ("Smtp:Port", "587"), ("Smtp:EnableSsl", "true"), ("Smtp:Password", "rotated"), ("Smtp:From", "Shop <shop@mail.test>"));

        Assert.Equal(
            ("mail.test", 587, true, "relay", "rotated", "Shop <shop@mail.test>"),
            (settings.Host, settings.Port, settings.EnableSsl, settings.UserName, settings.Password, settings.From));
    }

    private static SmtpSettings Settings(params (string Key, string Value)[] values) =>
        SmtpSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
}
