namespace DigitalDelivery.Api.Destinations;

public static class DestinationAuditActions
{
    public const string Created = "destination.created";
    public const string Updated = "destination.updated";
    public const string Deleted = "destination.deleted";
    public const string Disabled = "destination.disabled";
    public const string Enabled = "destination.enabled";
    public const string SecretRotated = "destination.secret_rotated";
    public const string DeliveryRetried = "delivery.retried";
    public const string DeliveriesReplayed = "deliveries.replayed";
    public const string DeliveriesPurged = "deliveries.purged";
}
