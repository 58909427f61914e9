namespace DigitalDelivery.Core.Fulfillment;

public static class FulfillmentTaskStatuses
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
