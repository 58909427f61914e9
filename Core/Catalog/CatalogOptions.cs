namespace DigitalDelivery.Core.Catalog;

/// <summary>
/// Settings of the catalog (section <c>Catalog</c>): where uploaded files go and how large they may be.
/// <see cref="TenantMaxFileBytes"/> lets an operator give one tenant another limit
/// (<c>Catalog:TenantMaxFileBytes:&lt;organization id&gt;</c>), up or down.
/// </summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>The container holding every tenant's files (blob names start with files/&lt;organization&gt;/).</summary>
    public string Container { get; set; } = "catalog";

    /// <summary>Largest upload, in bytes, for tenants without their own limit: 5 GiB.</summary>
    public long MaxFileBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    public Dictionary<string, long> TenantMaxFileBytes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public long MaxFileBytesFor(Guid organizationId)
    {
        foreach (var (key, value) in TenantMaxFileBytes)
        {
            if (Guid.TryParse(key, out var id) && id == organizationId)
            {
                return value;
            }
        }

        return MaxFileBytes;
    }
}
