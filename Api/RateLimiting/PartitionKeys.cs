using System.Text;
using DigitalDelivery.Api.Identity;

namespace DigitalDelivery.Api.RateLimiting;

/// <summary>Who a request counts against, per policy.</summary>
internal static class PartitionKeys
{
    public static string ClientOrIp(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && BasicClientId(authorization[6..].Trim()) is { } basicId)
        {
            return "client:" + basicId;
        }

        if (context.Items[RateLimitKeyMiddleware.ItemKey] is string formId)
        {
            return "client:" + formId;
        }

        return Ip(context);
    }

    /// <summary>Sign-in counts per account (the email), not per IP: portal sign-ins all arrive from the Web's address.</summary>
    public static string AccountOrIp(HttpContext context) =>
        context.Items[RateLimitKeyMiddleware.ItemKey] is string email ? "account:" + email.Trim().ToUpperInvariant() : Ip(context);

    /// <summary>A customer's email address from the body, case-folded, so one mailbox is one partition.</summary>
    public static string AddressOrIp(HttpContext context) =>
        context.Items[RateLimitKeyMiddleware.ItemKey] is string email ? "address:" + email.Trim().ToUpperInvariant() : Ip(context);

    public static string ActorOrIp(HttpContext context) =>
        context.User.GetActor() is { } actor ? $"{actor.Type}:{actor.Id}" : Ip(context);

    public static string Ip(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static string? BasicClientId(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon is > 0 and <= 128 ? Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
