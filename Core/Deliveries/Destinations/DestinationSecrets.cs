namespace DigitalDelivery.Core.Deliveries.Destinations;

/// <summary>Destinations' credentials are protected under one Data Protection purpose, whatever their type.</summary>
public static class DestinationSecrets
{
    /// <remarks>Named when webhooks were the only type; kept, because changing it would make stored secrets unreadable.</remarks>
    public const string ProtectionPurpose = "DigitalDelivery.Deliveries.WebhookSecret.v1";
}
