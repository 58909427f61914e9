using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// Healthy when a server on the loopback port answers its protocol's greeting: clamd's zPING with PONG, an SMTP
/// server's 220 banner, any HTTP status from Azurite. For the stores whose hosting integrations are not served here.
/// </summary>
public sealed class AnswersHealthCheck(Func<int?> port, AnswersHealthCheck.Protocol protocol) : IHealthCheck
{
    public enum Protocol
    {
        Clamd,
        Smtp,
        Http,
    }

    /// <summary>Registers a check of the endpoint's proxied port and returns its key, for WithHealthCheck.</summary>
    public static string Register(IDistributedApplicationBuilder builder, string name, EndpointReference endpoint, Protocol protocol)
    {
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, _ => new AnswersHealthCheck(() => endpoint.IsAllocated ? endpoint.Port : null, protocol), HealthStatus.Unhealthy, tags: null));
        return key;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (port() is not { } value)
        {
            return HealthCheckResult.Unhealthy("The endpoint has no port yet.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", value, timeout.Token);
            var stream = client.GetStream();
            var request = protocol switch
            {
                Protocol.Clamd => "zPING\0",
                Protocol.Http => "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                _ => "",
            };
            if (request.Length > 0)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            }

            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, read);
            var expected = protocol switch
            {
                Protocol.Clamd => "PONG",
                Protocol.Smtp => "220",
                _ => "HTTP/1.1 ",
            };
            return reply.StartsWith(expected, StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Unexpected reply '{reply.TrimEnd('\0', '\r', '\n')}'.");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
