using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>
/// Where the sandbox sends webhooks: Payments:Sandbox:WebhookUrl when absolute, otherwise that path on this Api's
/// own listening address (wildcard hosts become localhost; http preferred, so no dev certificate is needed).
/// Resolved at send time because the server's addresses are only known once it listens.
/// </summary>
internal sealed partial class SandboxWebhookTarget(IOptions<PaymentSandboxOptions> options, IServer server)
{
    public Uri Resolve()
    {
        var configured = options.Value.WebhookUrl;
        // On Unix "/path" parses as an absolute file: URI, hence the scheme check.
        if (Uri.TryCreate(configured, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "https+http" or "http+https")
        {
            return absolute;
        }

        return new Uri(OwnAddress(), configured);
    }

    private Uri OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return new Uri("http://localhost/");
        }

        return new Uri(WildcardHost().Replace(address, "://localhost$1").TrimEnd('/') + "/");
    }

    [GeneratedRegex(@"://(?:\+|\*|0\.0\.0\.0|\[::\])(:|/|$)")]
    private static partial Regex WildcardHost();
}
