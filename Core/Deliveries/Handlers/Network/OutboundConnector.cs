using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Deliveries.Handlers.Network;

/// <summary>
/// The guard against server-side request forgery for every handler that opens a connection to a merchant's host
/// (webhooks, S3 and Blob endpoints, SFTP). It resolves the name once, refuses addresses in private, loopback,
/// link-local (cloud metadata), shared and reserved ranges, and connects to the address it checked, so a DNS answer
/// that changes between the check and the connection (rebinding) cannot slip past it.
/// </summary>
public sealed class OutboundConnector(IOptions<OutboundNetworkOptions> options)
{
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/3"), IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    public static bool IsPublic(IPAddress address)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return !Refused.Any(network => network.Contains(candidate));
    }

    /// <summary>The addresses of <paramref name="host"/> a destination may connect to, in the resolver's order.</summary>
    /// <exception cref="OutboundAddressRefusedException">Every address is refused.</exception>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = options.Value.AllowPrivateNetworks ? addresses : addresses.Where(IsPublic).ToArray();
        return allowed.Length > 0 ? allowed : throw new OutboundAddressRefusedException(host);
    }

    /// <summary>A connected socket to the first reachable allowed address.</summary>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A SocketsHttpHandler whose every connection goes through the guard, without redirects.</summary>
    public SocketsHttpHandler CreateHttpHandler(TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = connectTimeout,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };
}
