namespace DigitalDelivery.Core.Deliveries.Requests;

public static class DeliveryStatuses
{
    /// <summary>Waiting for its next attempt.</summary>
    public const string Pending = "pending";

    /// <summary>The destination answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Spent (attempts used up, or a permanent refusal): the dead letter of deliveries, retryable by hand.</summary>
    public const string Failed = "failed";
}
