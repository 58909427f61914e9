using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// The client address behind a proxy. Customers reach the Api through the Web (their page, resend) or through an
/// ingress; without X-Forwarded-For every one of them would share the proxy's per-IP rate limits, download
/// sessions and audit address. Only proxies the operator lists are believed: loopback by default (the Web beside the
/// Api), plus <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR).
/// A direct caller cannot choose its address by sending the header.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string SectionName = "ForwardedHeaders";

    public static IHostApplicationBuilder AddForwardedClientAddresses(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }
}
