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

    public static IReadOnlyList<string> All { get; } =
        [OrderPaid, OrderFulfilled, OrderRefunded, EntitlementRevoked, FileInfected, FileScanFailed, LicenseKeysLowStock];
}
