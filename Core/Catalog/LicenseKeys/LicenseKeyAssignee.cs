namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>
/// The <see cref="LicenseKey.AssignedTo"/> value of keys sold on an order line. Fulfillment counts the keys a
/// line already has by it, so a rerun after a crash assigns only the missing ones; the customer page lists them.
/// </summary>
public static class LicenseKeyAssignee
{
    public static string ForLine(Guid orderLineId) => $"order-line:{orderLineId:N}";
}
