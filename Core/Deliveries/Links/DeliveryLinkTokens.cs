using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DigitalDelivery.Core.Deliveries.Links;

/// <summary>
/// Download links' tokens: the claim protected (encrypted and authenticated) with the shared Data Protection key
/// ring, so any Api instance can check a link without a lookup, nobody can forge or widen one, and the expiry is
/// part of what is protected. The download count is the only state, kept on the delivery.
/// </summary>
public sealed class DeliveryLinkTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("DigitalDelivery.Deliveries.DownloadLink.v1");

    public string Issue(DeliveryLinkClaim claim) => _protector.Protect(string.Create(CultureInfo.InvariantCulture,
        $"{claim.OrganizationId:N}.{claim.DeliveryId:N}.{claim.MaxDownloads}.{claim.ExpiresAt.ToUnixTimeSeconds()}"));

    /// <returns>Null for a token that was not issued here (garbled, forged, from another key ring).</returns>
    public DeliveryLinkClaim? Read(string token)
    {
        if (token.Length is 0 or > 1024)
        {
            return null;
        }

        string text;
        try
        {
            text = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = text.Split('.');
        return parts.Length == 4
            && Guid.TryParseExact(parts[0], "N", out var organization) && Guid.TryParseExact(parts[1], "N", out var delivery)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var max) && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var expires)
            ? new DeliveryLinkClaim(organization, delivery, max, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;
    }
}
