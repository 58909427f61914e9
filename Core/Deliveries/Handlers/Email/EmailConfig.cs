namespace DigitalDelivery.Core.Deliveries.Handlers.Email;

/// <summary>
/// An email destination's settings: who receives the events, the subject (<c>{event_type}</c> and
/// <c>{delivery_id}</c> are filled in), and whether the payload travels as an attachment or as the body.
/// </summary>
public sealed record EmailConfig(string[] To, string? Subject = null, string? Format = null)
{
    public const int MaxRecipients = 10;
    public const string Attachment = "attachment";
    public const string Body = "body";
    public const string DefaultSubject = "[DigitalDelivery] {event_type}";

    /// <summary>
    /// Files larger than this in all are not mailed: most mail servers refuse messages of 25 to 35 MB, and base64
    /// grows a file by a third. Storage, SFTP and download destinations carry files of any size.
    /// </summary>
    public const long MaxAttachmentBytes = 18L * 1024 * 1024;

    public bool AsAttachment => (Format ?? Attachment) == Attachment;
}
