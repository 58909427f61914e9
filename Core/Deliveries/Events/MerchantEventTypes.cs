namespace DigitalDelivery.Core.Deliveries;

/// <summary>The events a merchant's destinations can subscribe to.</summary>
public static class MerchantEventTypes
{
    public const string OrderPaid = "order.paid";
    public const string OrderFulfilled = "order.fulfilled";
    public const string OrderRefunded = "order.refunded";
    public const string EntitlementRevoked = "entitlement.revoked";

    public static IReadOnlyList<string> All { get; } = [OrderPaid, OrderFulfilled, OrderRefunded, EntitlementRevoked];
}
