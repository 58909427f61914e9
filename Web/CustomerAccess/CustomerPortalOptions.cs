namespace DigitalDelivery.Web.CustomerAccess;

/// <summary>Settings of the customers' pages (section <c>CustomerPortal</c>).</summary>
public sealed class CustomerPortalOptions
{
    public const string SectionName = "CustomerPortal";

    /// <summary>
    /// The Api's address as browsers reach it, for the download redirects. Unset, the address service discovery gives
    /// the Web (right when the Api is exposed under that address; behind a gateway, set it).
    /// </summary>
    public Uri? ApiPublicUrl { get; set; }
}
