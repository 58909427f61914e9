namespace DigitalDelivery.Core.Catalog.LicenseKeys;

public sealed record LicenseKeyCounts(int Available, int Assigned, int? LowStockThreshold)
{
    public int Total => Available + Assigned;

    public bool LowStock => LowStockThreshold is { } threshold && Available <= threshold;
}
