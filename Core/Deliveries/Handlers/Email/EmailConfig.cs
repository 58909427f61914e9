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

    public bool AsAttachment => (Format ?? Attachment) == Attachment;
}
