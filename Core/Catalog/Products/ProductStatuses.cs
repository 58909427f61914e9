namespace DigitalDelivery.Core.Catalog.Products;

/// <summary>Draft (being prepared, not sold), active (on sale) and archived (no longer sold, kept for past orders).</summary>
public static class ProductStatuses
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Archived = "archived";

    public static IReadOnlyList<string> All { get; } = [Draft, Active, Archived];
}
