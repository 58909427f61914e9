namespace DigitalDelivery.Core.Catalog.Products;

public static class ProductTypes
{
    /// <summary>Files delivered as download links.</summary>
    public const string Download = "download";

    /// <summary>A license key from the product's pool.</summary>
    public const string LicenseKey = "license_key";

    /// <summary>Files and a license key together.</summary>
    public const string Bundle = "bundle";

    public static IReadOnlyList<string> All { get; } = [Download, LicenseKey, Bundle];
}
