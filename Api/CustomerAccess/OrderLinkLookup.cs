using DigitalDelivery.Core.Entitlements;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>The outcome of resolving a customer's page token.</summary>
public abstract record OrderLinkLookup
{
    /// <summary>Not a token at all (wrong length or alphabet): 400.</summary>
    public sealed record Malformed : OrderLinkLookup;

    /// <summary>Well-formed but unknown, retired or of another kind: 404.</summary>
    public sealed record Unknown : OrderLinkLookup;

    public sealed record Found(DownloadLink Link) : OrderLinkLookup;
}
