namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>The shape every HTTP address in a destination's settings must have: absolute http or https, no credentials in it.</summary>
internal static class HttpUrls
{
    /// <param name="allowQuery">False for service endpoints, where a query or fragment means a pasted request URL.</param>
    public static bool IsValid(string? value, bool allowQuery = true) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.UserInfo.Length == 0
        && (allowQuery || (url.Query.Length == 0 && url.Fragment.Length == 0));
}
