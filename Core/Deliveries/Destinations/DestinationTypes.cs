namespace DigitalDelivery.Core.Deliveries.Destinations;

/// <summary>The destination types; each has its handler in Core/Deliveries/Handlers/&lt;Type&gt;/.</summary>
public static class DestinationTypes
{
    public const string Webhook = "webhook";
    public const string Email = "email";
    public const string Storage = "storage";
    public const string Sftp = "sftp";
    public const string Download = "download";
}
