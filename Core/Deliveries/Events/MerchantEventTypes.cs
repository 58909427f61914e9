namespace DigitalDelivery.Core.Deliveries;

/// <summary>The events a merchant's destinations can subscribe to.</summary>
public static class MerchantEventTypes
{
    public const string OrderPaid = "order.paid";
    public const string OrderFulfilled = "order.fulfilled";
    public const string OrderRefunded = "order.refunded";
    public const string EntitlementRevoked = "entitlement.revoked";
    public const string FileInfected = "file.infected";
    public const string FileScanFailed = "file.scan_failed";
    public const string LicenseKeysLowStock = "license_keys.low_stock";

    /// <summary>Operational events (health alerts): only subscriptions that name them get them, <c>*</c> does not.</summary>
    public const string AlertOpened = "alert.opened";
    public const string AlertEscalated = "alert.escalated";
    public const string AlertResolved = "alert.resolved";

    public const string OperationalPrefix = "alert.";

    public static IReadOnlyList<string> All { get; } =
        [OrderPaid, OrderFulfilled, OrderRefunded, EntitlementRevoked, FileInfected, FileScanFailed, LicenseKeysLowStock,
         AlertOpened, AlertEscalated, AlertResolved];

    public static bool IsOperational(string eventType) => eventType.StartsWith(OperationalPrefix, StringComparison.Ordinal);
}
