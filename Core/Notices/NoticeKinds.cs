namespace DigitalDelivery.Core.Notices;

public static class NoticeKinds
{
    public const string FileInfected = "file.infected";
    public const string FileScanFailed = "file.scan_failed";
    public const string LicenseKeysLow = "license_keys.low_stock";
}
