using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DigitalDelivery.Core.Mail;

/// <summary>
/// Hands a message to the platform's SMTP relay with MailKit: customer mail and email destinations go the same way.
/// A client per message: MailKit's SmtpClient is not thread-safe and the handlers run concurrently. MailKit's
/// exceptions come through unchanged; callers decide what a refusal means for them.
/// </summary>
public sealed class SmtpMailSender(SmtpSettings settings)
{
    public SmtpSettings Settings => settings;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.Host))
        {
            throw new InvalidOperationException("No SMTP server is configured (ConnectionStrings:smtp or Smtp:Host).");
        }

        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(settings.From));
        }

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, SecureSocket(settings), cancellationToken);
        // Credentials are used when the server offers AUTH (after STARTTLS, where MailKit asks again); a relay that
        // offers none and accepts the mail is fine.
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
