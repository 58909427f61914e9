namespace DigitalDelivery.Web.Api;

/// <summary>
/// Tells the Api whose request the portal is making (X-Forwarded-For), so the Api's per-IP limits, download sessions
/// and audit entries see the browser's address rather than the Web's. The Api believes it only from proxies it
/// trusts (loopback and ForwardedHeaders:* there).
/// </summary>
public sealed class ClientAddressHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove("X-Forwarded-For");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
