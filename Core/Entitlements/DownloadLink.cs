using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// A bearer token a customer holds. Only <see cref="TokenHash"/> (SHA-256 of the token) is stored, so the
/// database cannot give a token back; see <see cref="DownloadToken"/>. An <see cref="DownloadLinkKinds.Order"/>
/// link opens the customer's page of an order (/my/{token}); a <see cref="DownloadLinkKinds.File"/> link
/// downloads one entitlement's file and lives briefly. A revoked or superseded link has <see cref="RevokedAt"/>.
/// </summary>
public sealed class DownloadLink : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OrderId { get; init; }

    /// <summary>The entitlement a file link downloads; null for an order link.</summary>
    public Guid? DownloadAccessId { get; init; }

    public required string Kind { get; init; }
    public required byte[] TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the token stops working; null for an order link, which lives as long as its entitlements.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
