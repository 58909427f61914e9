using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// Mints and retires the links of the scope's tenant. Minting adds the row to the context and returns the token,
/// which exists only in the return value from then on; the caller saves (in its transaction). Retiring is one
/// UPDATE and takes effect at once for every holder of the token.
/// </summary>
public sealed class DownloadLinks(DeliveryDbContext db, TimeProvider time, IOptions<EntitlementOptions> options)
{
    /// <summary>A token for the customer's page of <paramref name="orderId"/>; it lives as long as the order's entitlements.</summary>
    public string MintOrderLink(Guid organizationId, Guid orderId) => Mint(organizationId, orderId, null, DownloadLinkKinds.Order, null);

    /// <summary>A short-lived token that downloads the file of <paramref name="access"/>.</summary>
    public string MintFileLink(DownloadAccess access) => Mint(
        access.OrganizationId, access.OrderId, access.Id, DownloadLinkKinds.File, time.GetUtcNow() + options.Value.FileLinkLifetime);

    /// <summary>Stops every file link of an entitlement (revoke, reissue).</summary>
    public Task<int> RetireFileLinksAsync(Guid downloadAccessId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.Set<DownloadLink>()
            .Where(l => l.DownloadAccessId == downloadAccessId && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
    }

    /// <summary>Stops the order's page links, so that only a link minted afterwards opens the page (reissue).</summary>
    public Task<int> RetireOrderLinksAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.Set<DownloadLink>()
            .Where(l => l.OrderId == orderId && l.Kind == DownloadLinkKinds.Order && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
    }

    /// <summary>Stops one link by its token (a link minted for a mail that could not be sent).</summary>
    public Task<int> RetireAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!DownloadToken.TryHash(token, out var hash))
        {
            return Task.FromResult(0);
        }

        var now = time.GetUtcNow();
        return db.Set<DownloadLink>()
            .Where(l => l.TokenHash == hash && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
    }

    private string Mint(Guid organizationId, Guid orderId, Guid? downloadAccessId, string kind, DateTimeOffset? expiresAt)
    {
        var (token, hash) = DownloadToken.Create();
        db.Add(new DownloadLink
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            OrderId = orderId,
            DownloadAccessId = downloadAccessId,
            Kind = kind,
            TokenHash = hash,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        });
        return token;
    }
}
