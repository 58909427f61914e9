using DigitalDelivery.Core.Mail;
using MimeKit;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Sends customer mail as multipart/alternative (plain text and HTML) through the platform's relay. The caller
/// chooses the Message-Id, derived from the message's idempotency key, so a retried send carries the same one and a
/// rare second send is recognisable.
/// </summary>
public sealed class CustomerMailer(SmtpMailSender sender)
{
    public async Task SendAsync(CustomerMail mail, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage
        {
            Subject = mail.Subject,
            // MimeKit writes the angle brackets itself.
            MessageId = mail.MessageId.Trim('<', '>'),
            Body = new BodyBuilder { TextBody = mail.Body.Text, HtmlBody = mail.Body.Html }.ToMessageBody(),
        };
        message.To.Add(MailboxAddress.Parse(mail.To));
        await sender.SendAsync(message, cancellationToken);
    }
}
