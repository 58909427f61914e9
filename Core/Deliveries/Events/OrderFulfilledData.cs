namespace DigitalDelivery.Core.Deliveries;

/// <summary>The <c>data</c> of an <c>order.fulfilled</c> event: what a merchant's system needs to react to it.</summary>
public sealed record OrderFulfilledData(
    Guid OrderId,
    string OrderNumber,
    string CustomerEmail,
    string CustomerName,
    long TotalMinor,
    string Currency,
    int EntitlementsGranted,
    int LicenseKeysAssigned,
    DateTimeOffset FulfilledAt);
