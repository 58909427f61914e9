namespace DigitalDelivery.Core.Orders;

/// <summary>The states of an order; <see cref="OrderStateMachine"/> says which moves between them are allowed.</summary>
public static class OrderStatuses
{
    public const string Created = "created";
    public const string Reserved = "reserved";
    public const string Paid = "paid";
    public const string Fulfilling = "fulfilling";
    public const string Fulfilled = "fulfilled";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
    public const string Refunded = "refunded";

    public static IReadOnlyList<string> All { get; } =
        [Created, Reserved, Paid, Fulfilling, Fulfilled, Completed, Cancelled, Expired, Refunded];
}
