namespace DigitalDelivery.Core.Entitlements;

/// <summary>The short order number customers see in mail and on their page: the first 12 hex digits of the order id.</summary>
public static class OrderNumbers
{
    public static string Of(Guid orderId) => orderId.ToString("N")[..12].ToUpperInvariant();
}
