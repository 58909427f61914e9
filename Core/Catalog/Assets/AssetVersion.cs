using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.Assets;

/// <summary>One file an asset has delivered, numbered from 1; the history is kept so earlier buyers can be served the version they bought.</summary>
public sealed class AssetVersion : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid AssetId { get; init; }
    public int Number { get; init; }
    public Guid FileId { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
