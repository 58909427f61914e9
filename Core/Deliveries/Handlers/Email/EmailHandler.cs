using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DigitalDelivery.Core.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace DigitalDelivery.Core.Deliveries.Handlers.Email;

/// <summary>
/// Email destinations: the payload mailed through the platform's relay (merchants name mailboxes, not SMTP servers,
/// so a destination cannot turn the platform into a relay of its own). The Message-Id is the delivery's, so a
/// retried send after a lost acknowledgement is recognisable as the same message. SMTP's own rule decides retries:
/// a 4xx reply or a broken connection is tried again, a 5xx (mailbox unknown, refused) is final. A delivery's files
/// are attached, streamed from the catalog's Blob storage while the message is written to the relay (up to
/// <see cref="EmailConfig.MaxAttachmentBytes"/> in all).
/// </summary>
internal sealed class EmailHandler(SmtpMailSender sender, DeliveryFileContent files, TimeProvider time) : IDestinationHandler
{
    private const string MessageIdDomain = "deliveries.digitaldelivery.dev";

    public string Type => Destinations.DestinationTypes.Email;

    public SecretUse Secret => SecretUse.None;

    public object? ParseConfig(JsonElement config, string? secret, IDictionary<string, string[]> errors)
    {
        var parsed = DestinationConfigJson.Parse<EmailConfig>(config, errors);
        if (parsed is null)
        {
            return null;
        }

        if (parsed.To is not { Length: > 0 and <= EmailConfig.MaxRecipients })
        {
            errors["config.to"] = [$"config.to must list 1 to {EmailConfig.MaxRecipients} addresses."];
        }
        else if (parsed.To.Where(a => !IsMailbox(a)).ToList() is { Count: > 0 } invalid)
        {
            errors["config.to"] = [$"Not an email address: {string.Join(", ", invalid)}."];
        }

        if (parsed.Subject is { Length: 0 or > 200 } || parsed.Subject?.Any(char.IsControl) == true)
        {
            errors["config.subject"] = ["config.subject must have 1 to 200 characters on one line."];
        }

        if (parsed.Format is not (null or EmailConfig.Attachment or EmailConfig.Body))
        {
            errors["config.format"] = ["config.format must be attachment or body."];
        }

        return errors.Count == 0 ? parsed with { To = [.. parsed.To.Distinct(StringComparer.OrdinalIgnoreCase)] } : null;
    }

    public Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken) =>
        SendAsync(target.ConfigAs<EmailConfig>(), delivery, cancellationToken);

    public Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken) =>
        SendAsync(target.ConfigAs<EmailConfig>(), OutgoingDelivery.Test(target.Destination.Id, time.GetUtcNow()), cancellationToken);

    private async Task<DeliveryOutcome> SendAsync(EmailConfig config, OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var total = delivery.Files.Sum(f => f.SizeBytes);
        if (total > EmailConfig.MaxAttachmentBytes)
        {
            return DeliveryOutcome.Permanent(
                $"the files ({total / (1024 * 1024)} MiB) are too large to mail (at most {EmailConfig.MaxAttachmentBytes / (1024 * 1024)} MiB); send them to a storage, SFTP or download destination",
                Stopwatch.GetElapsedTime(started));
        }

        var attachments = new List<(DeliveryFile File, Stream Content)>(delivery.Files.Count);
        try
        {
            foreach (var file in delivery.Files)
            {
                attachments.Add((file, await files.OpenReadAsync(file, cancellationToken)));
            }

            using var message = Compose(config, delivery, attachments);
            return await SendAsync(message, started, cancellationToken);
        }
        finally
        {
            foreach (var (_, content) in attachments)
            {
                await content.DisposeAsync();
            }
        }
    }

    private async Task<DeliveryOutcome> SendAsync(MimeMessage message, long started, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message, cancellationToken);
            return DeliveryOutcome.Delivered(Stopwatch.GetElapsedTime(started), $"<{message.MessageId}>", 250);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return DeliveryOutcome.Permanent($"SMTP {(int)ex.StatusCode}: {ex.Message}", Stopwatch.GetElapsedTime(started), (int)ex.StatusCode);
        }
        catch (SmtpCommandException ex)
        {
            return DeliveryOutcome.Transient($"SMTP {(int)ex.StatusCode}: {ex.Message}", Stopwatch.GetElapsedTime(started), (int)ex.StatusCode);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException)
        {
            return DeliveryOutcome.Transient($"the mail relay: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
        catch (InvalidOperationException ex) when (string.IsNullOrEmpty(sender.Settings.Host))
        {
            // The platform's configuration, not the merchant's: retried until an operator configures the relay.
            return DeliveryOutcome.Transient(ex.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    private static MimeMessage Compose(EmailConfig config, OutgoingDelivery delivery, List<(DeliveryFile File, Stream Content)> attachments)
    {
        var subject = (config.Subject ?? EmailConfig.DefaultSubject)
            .Replace("{event_type}", delivery.EventType, StringComparison.Ordinal)
            .Replace("{delivery_id}", delivery.DeliveryId.ToString(), StringComparison.Ordinal);
        var text = $"{delivery.EventType} at {delivery.CreatedAt:u} (delivery {delivery.DeliveryId}).";
        var body = new BodyBuilder();
        if (config.AsAttachment)
        {
            body.TextBody = text + "\nThe event is attached as JSON.\n";
            body.Attachments.Add($"{delivery.EventType}-{delivery.DeliveryId}.json", Encoding.UTF8.GetBytes(delivery.Payload), new ContentType("application", "json"));
        }
        else
        {
            body.TextBody = text + "\n\n" + delivery.Payload + "\n";
        }

        foreach (var (file, content) in attachments)
        {
            body.Attachments.Add(new MimePart(ContentType.Parse(file.ContentType))
            {
                Content = new MimeContent(content),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.Name,
            });
        }

        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"{delivery.DeliveryId:N}@{MessageIdDomain}",
            Body = body.ToMessageBody(),
        };
        message.To.AddRange(config.To.Select(MailboxAddress.Parse));
        return message;
    }

    private static bool IsMailbox(string address) =>
        address.Length <= 254 && MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
        && mailbox.Address == address.Trim();
}
