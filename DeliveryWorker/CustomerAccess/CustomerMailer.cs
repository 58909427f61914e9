using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Sends customer mail over SMTP with MailKit, as multipart/alternative (plain text and HTML). A client per message:
/// MailKit's SmtpClient is not thread-safe and the handlers run concurrently. The caller chooses the Message-Id,
/// derived from the message's idempotency key, so a retried send carries the same one and a rare second send is
/// recognisable.
/// </summary>
public sealed class CustomerMailer(SmtpSettings settings)
{
    public async Task SendAsync(CustomerMail mail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.Host))
        {
            throw new InvalidOperationException("No SMTP server is configured (ConnectionStrings:smtp or Smtp:Host).");
        }

        using var message = new MimeMessage
        {
            Subject = mail.Subject,
            // MimeKit writes the angle brackets itself.
            MessageId = mail.MessageId.Trim('<', '>'),
            Body = new BodyBuilder { TextBody = mail.Body.Text, HtmlBody = mail.Body.Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, SecureSocket(settings), cancellationToken);
        // As before with System.Net.Mail: credentials are used when the server offers AUTH (after STARTTLS, where
        // MailKit asks again); a relay that offers none and accepts the mail is fine.
        if (settings.UserName is { Length: > 0 } userName && client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
        {
            await client.AuthenticateAsync(userName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    // TLS required when asked for (smtps:// or Smtp:EnableSsl): implicit on 465, STARTTLS elsewhere. Otherwise
    // STARTTLS whenever the server offers it, so credentials for a relay on 587 never travel in clear text.
    private static SecureSocketOptions SecureSocket(SmtpSettings settings) => settings.EnableSsl
        ? settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls
        : SecureSocketOptions.StartTlsWhenAvailable;
}
