namespace DigitalDelivery.Core.Deliveries;

/// <summary>The <c>data</c> of <c>license_keys.low_stock</c>: raised once per dip to or below the threshold.</summary>
public sealed record LicenseKeysLowStockData(Guid ProductId, int Available, int Threshold);
