using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// A customer's right to download one purchased file (an asset of an order line). Limits and expiry are copied
/// from the asset when access is granted, so a later change to the product never shrinks what was sold.
/// Links (<see cref="DownloadLink"/>) are minted from it and can be re-minted without touching its limits.
/// <see cref="DownloadsUsed"/> counts download sessions, not HTTP requests, and only ever grows through one
/// conditional UPDATE, so parallel requests never exceed <see cref="MaxDownloads"/>.
/// </summary>
public sealed class DownloadAccess : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OrderId { get; init; }
    public Guid OrderLineId { get; init; }
    public Guid ProductId { get; init; }
    public Guid AssetId { get; init; }

    /// <summary>The asset's version when it was bought; products that serve "as purchased" keep serving it.</summary>
    public int AssetVersion { get; init; }

    public required string CustomerEmail { get; init; }

    /// <summary>Download sessions allowed; null is unlimited.</summary>
    public int? MaxDownloads { get; set; }

    public int DownloadsUsed { get; set; }
    public DateTimeOffset GrantedAt { get; init; }

    /// <summary>When access ends; null is never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastDownloadedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary>Whether the customer is told before access ends (copied from the asset).</summary>
    public bool NotifyCustomerOnExpiry { get; init; }

    /// <summary>When the customer was told that access ends; cleared when <see cref="ExpiresAt"/> moves (extension).</summary>
    public DateTimeOffset? ExpiryNoticeSentAt { get; set; }

    public int Version { get; set; } = 1;

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;

    public bool IsExhausted => MaxDownloads is { } max && DownloadsUsed >= max;

    /// <summary>Downloads left; null when unlimited.</summary>
    public int? DownloadsLeft => MaxDownloads is { } max ? Math.Max(0, max - DownloadsUsed) : null;

    /// <returns>False when it was already revoked (the first reason stays).</returns>
    public bool Revoke(string reason, DateTimeOffset at)
    {
        if (IsRevoked)
        {
            return false;
        }

        RevokedAt = at;
        RevokedReason = reason;
        Version++;
        return true;
    }
}
