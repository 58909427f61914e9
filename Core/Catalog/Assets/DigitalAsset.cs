using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.Assets;

/// <summary>
/// A file a product delivers, with its download rules. Its id stays the same when the file is replaced: each
/// replacement is a new <see cref="AssetVersion"/> and <see cref="CurrentFileId"/> follows the newest one.
/// </summary>
public sealed class DigitalAsset : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid ProductId { get; init; }
    public required string Name { get; set; }
    public Guid CurrentFileId { get; set; }
    public int CurrentVersion { get; set; } = 1;

    /// <summary>Downloads allowed per purchase; null is unlimited.</summary>
    public int? MaxDownloads { get; set; }

    /// <summary>Days after purchase the links work; null is forever.</summary>
    public int? ExpiresAfterDays { get; set; }

    public bool NotifyCustomerOnExpiry { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}
