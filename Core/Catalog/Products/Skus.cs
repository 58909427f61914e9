using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Catalog.Products;

/// <summary>
/// SKU format: 1 to 64 characters, letters, digits and <c>- _ .</c>, starting and ending with a letter or digit.
/// Narrow on purpose: SKUs end up in URLs, CSV exports and invoices.
/// </summary>
public static partial class Skus
{
    public const int MaxLength = 64;

    public static bool IsValid(string? sku) => sku is { Length: > 0 and <= MaxLength } && Format().IsMatch(sku);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
