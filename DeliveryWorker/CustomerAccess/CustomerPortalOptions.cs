namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>The public address of the Web app, for the links in customer mail (section <c>CustomerPortal</c>).</summary>
public sealed class CustomerPortalOptions
{
    public const string SectionName = "CustomerPortal";

    /// <summary>E.g. <c>https://shop.example.com</c>; the page of an order is <c>{BaseUrl}/my/{token}</c>.</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:5000");

    public string OrderPageUrl(string token) => $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/my/{token}";

    public string ResendUrl => $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/my/resend";
}
