namespace DigitalDelivery.Core.Deliveries.Links;

/// <summary>Configuration section <c>Deliveries:Links</c>: the Api's public address, which download links point at.</summary>
public sealed class DeliveryLinkOptions
{
    public const string SectionName = "Deliveries:Links";

    /// <summary>E.g. <c>https://api.example.com</c>; a link is <c>{BaseUrl}/api/v1/delivery-links/{token}</c>.</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:5080");

    public string LinkUrl(string token) => $"{BaseUrl.AbsoluteUri.TrimEnd('/')}/api/v1/delivery-links/{token}";
}
