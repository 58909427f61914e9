using System.Net;
using System.Net.Sockets;
using DigitalDelivery.Core.Scanning;
using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Scanning;

public sealed class ClamAvUnavailableTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_port_nobody_listens_on_raises_ClamAvUnavailableException_for_ping_version_and_scan()
    {
        var client = new ClamAvClient(new ClamAvSettings { Host = "127.0.0.1", Port = FreePort.Next() });

        await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.PingAsync(Cancellation));
        await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.GetVersionAsync(Cancellation));
        var scan = await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.ScanAsync(new GeneratedStream(1024), Cancellation));
        Assert.IsType<SocketException>(scan.InnerException);
    }

    [Fact]
    public async Task A_server_that_never_answers_raises_ClamAvUnavailableException_after_the_timeout()
    {
        // The kernel completes the handshake for the listen backlog, so the connection succeeds and then stays silent.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var client = new ClamAvClient(new ClamAvSettings
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)silent.LocalEndpoint).Port,
            IoTimeout = TimeSpan.FromMilliseconds(300),
            ScanTimeout = TimeSpan.FromMilliseconds(300),
        });

        var ping = await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.PingAsync(Cancellation));
        var scan = await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.ScanAsync(new GeneratedStream(1000), Cancellation));

        Assert.IsType<TimeoutException>(ping.InnerException);
        Assert.IsType<TimeoutException>(scan.InnerException);
    }

    [Fact]
    public async Task A_server_that_hangs_up_without_answering_raises_ClamAvUnavailableException()
    {
        using var rude = new TcpListener(IPAddress.Loopback, 0);
        rude.Start();
        var hangUps = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                using var accepted = await rude.AcceptTcpClientAsync(Cancellation);
            }
        }, Cancellation);
        var client = new ClamAvClient(new ClamAvSettings { Host = "127.0.0.1", Port = ((IPEndPoint)rude.LocalEndpoint).Port });

        await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.PingAsync(Cancellation));
        await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.ScanAsync(new GeneratedStream(1000), Cancellation));
        await hangUps;
    }

    [Fact]
    public async Task Something_else_on_the_port_answering_without_the_terminator_is_unavailable_not_a_verdict()
    {
        using var http = new TcpListener(IPAddress.Loopback, 0);
        http.Start();
        var answer = Task.Run(async () =>
        {
            using var accepted = await http.AcceptTcpClientAsync(Cancellation);
            await accepted.GetStream().WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), Cancellation);
        }, Cancellation);
        var client = new ClamAvClient(new ClamAvSettings { Host = "127.0.0.1", Port = ((IPEndPoint)http.LocalEndpoint).Port });

        await Assert.ThrowsAsync<ClamAvUnavailableException>(() => client.PingAsync(Cancellation));
        await answer;
    }
}
