using System.Text;
using Microsoft.Extensions.Primitives;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// The client authentication of a token request (RFC 6749 section 2.3.1): HTTP Basic with form-urlencoded id and
/// secret (client_secret_basic), or client_id and client_secret in the body (client_secret_post), never both.
/// </summary>
public sealed record ClientCredentials(string ClientId, string Secret, bool ViaBasic)
{
    public static (ClientCredentials? Credentials, string? Error) Read(HttpRequest request, IFormCollection form)
    {
        var fromBody = form.TryGetValue("client_id", out var id) && !StringValues.IsNullOrEmpty(id);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (fromBody && form.ContainsKey("client_secret"))
            {
                return (null, "Use one client authentication method, not both.");
            }

            return ParseBasic(authorization["Basic ".Length..].Trim());
        }

        if (!fromBody)
        {
            return (null, null);
        }

        if (id.Count > 1 || form["client_secret"].Count > 1)
        {
            return (null, "Parameters must not be repeated.");
        }

        return (new ClientCredentials(id.ToString(), form["client_secret"].ToString(), ViaBasic: false), null);
    }

    public static string BasicChallenge => "Basic realm=\"digitaldelivery\", charset=\"UTF-8\"";

    private static (ClientCredentials?, string?) ParseBasic(string encoded)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return (null, "The Authorization header is not valid Basic credentials.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (null, "The Authorization header is not valid Basic credentials.");
        }

        return (new ClientCredentials(FormDecode(decoded[..colon]), FormDecode(decoded[(colon + 1)..]), ViaBasic: true), null);
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
