using System.Net;
using System.Net.Mail;
using System.Text;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Sends customer mail over SMTP with System.Net.Mail (MailKit is not obtainable from this project's package
/// mirror). A client per message: SmtpClient is not thread-safe and the handlers run concurrently. The caller
/// chooses the Message-Id, derived from the message's idempotency key, so a rare second send is recognisable.
/// </summary>
public sealed class CustomerMailer(SmtpSettings settings)
{
    public async Task SendAsync(CustomerMail mail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.Host))
        {
            throw new InvalidOperationException("No SMTP server is configured (ConnectionStrings:smtp or Smtp:Host).");
        }

        using var message = new MailMessage(new MailAddress(settings.From), new MailAddress(mail.To))
        {
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = mail.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.Headers.Add("Message-Id", mail.MessageId);
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)settings.Timeout.TotalMilliseconds,
        };
        if (settings.UserName is { Length: > 0 } userName)
        {
            client.Credentials = new NetworkCredential(userName, settings.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}
