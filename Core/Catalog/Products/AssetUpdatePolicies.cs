namespace DigitalDelivery.Core.Catalog.Products;

/// <summary>When a product's file is replaced by a new version, what people who bought earlier get.</summary>
public static class AssetUpdatePolicies
{
    /// <summary>Every buyer, earlier ones included, downloads the newest version.</summary>
    public const string Latest = "latest";

    /// <summary>Each buyer keeps the version that was current when they bought.</summary>
    public const string AsPurchased = "as_purchased";

    public static IReadOnlyList<string> All { get; } = [Latest, AsPurchased];
}
