using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// A real clamd on a free loopback port. There is no internet for freshclam here, so its signature database is
/// generated at start: one body signature (.ndb) of the EICAR test file, which matches EICAR anywhere in a
/// stream, not only as a whole file as a hash signature would. clamd marks signatures from unsigned databases,
/// so it reports the match as <see cref="EicarSignature"/>.
/// </summary>
public sealed class ClamAvServer : IAsyncDisposable
{
    public const string SignatureName = "DigitalDelivery.Test.EICAR";

    /// <summary>The name clamd reports: it appends ".UNOFFICIAL" to signatures from unsigned databases.</summary>
    public const string EicarSignature = SignatureName + ".UNOFFICIAL";

    /// <summary>Generous for tests and the local run; libclamav itself never scans files over 2 GiB - 1.</summary>
    public const long DefaultStreamMaxLength = 1000L * 1024 * 1024;

    private readonly ScratchDirectory _directory;
    private ServerProcess? _process;

    private ClamAvServer(ScratchDirectory directory, int port, long streamMaxLength, long maxFileSize)
    {
        _directory = directory;
        Port = port;
        StreamMaxLength = streamMaxLength;
        MaxFileSize = maxFileSize;
    }

    public int Port { get; }

    /// <summary>clamd refuses a stream longer than this ("INSTREAM size limit exceeded").</summary>
    public long StreamMaxLength { get; }

    /// <summary>Content longer than this is not scanned; AlertExceedsMax makes clamd say so instead of "OK".</summary>
    public long MaxFileSize { get; }

    /// <summary>The form ConnectionStrings:clamav takes.</summary>
    public string ConnectionString => $"tcp://127.0.0.1:{Port}";

    /// <summary>
    /// The ".ndb" line: name, target type 0 (any file), offset * (anywhere), the bytes in hex, all computed here
    /// from <see cref="EicarTestFile"/> rather than copied from a published database.
    /// </summary>
    public static string EicarBodySignature() => $"{SignatureName}:0:*:{Convert.ToHexStringLower(EicarTestFile.Bytes())}";

    /// <param name="streamMaxLength">clamd's StreamMaxLength; tests of the limit pass something small.</param>
    /// <param name="maxFileSize">MaxFileSize and MaxScanSize; defaults to <paramref name="streamMaxLength"/>.</param>
    public static async Task<ClamAvServer> StartAsync(long streamMaxLength = DefaultStreamMaxLength, long? maxFileSize = null,
        CancellationToken cancellationToken = default)
    {
        var server = new ClamAvServer(new ScratchDirectory("clamav"), FreePort.Next(), streamMaxLength, maxFileSize ?? streamMaxLength);
        try
        {
            await server.StartProcessAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        _directory.Dispose();
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var databases = _directory.Combine("db");
        var temporary = _directory.Combine("tmp");
        Directory.CreateDirectory(databases);
        Directory.CreateDirectory(temporary);
        await File.WriteAllTextAsync(Path.Combine(databases, "digitaldelivery-test.ndb"), EicarBodySignature() + "\n", cancellationToken);

        var configFile = _directory.Combine("clamd.conf");
        await File.WriteAllTextAsync(configFile, Config(databases, temporary), cancellationToken);

        _process = ServerProcess.Start("clamd", "clamd", ["--foreground", $"--config-file={configFile}"], _directory.Path);
        if (!await WaitUntilPongAsync(TimeSpan.FromSeconds(60), cancellationToken))
        {
            throw _process.StartupFailure($"no PONG on port {Port}");
        }
    }

    // No User line: as root clamd then keeps running as root (it drops privileges only when told to), so it can
    // read the scratch directory; as any other user it simply runs as that user. Logging goes to stderr only.
    private string Config(string databases, string temporary) => string.Join('\n',
    [
        $"TCPSocket {Port}",
        "TCPAddr 127.0.0.1",
        $"DatabaseDirectory {databases}",
        $"TemporaryDirectory {temporary}",
        "Foreground yes",
        "LogSyslog no",
        "LogTime yes",
        "LogVerbose no",
        "OfficialDatabaseOnly no",
        "SelfCheck 0",
        $"StreamMaxLength {StreamMaxLength}",
        $"MaxFileSize {MaxFileSize}",
        $"MaxScanSize {MaxFileSize}",
        "AlertExceedsMax yes",
        "MaxThreads 10",
        "",
    ]);

    private async Task<bool> WaitUntilPongAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline && _process is { HasExited: false })
        {
            if (await PingAsync(cancellationToken))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return false;
    }

    // A minimal PING of its own, so the test servers need nothing from the product's code.
    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("zPING\0"u8.ToArray(), timeout.Token);
            var reply = new byte[5];
            await stream.ReadExactlyAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply) == "PONG\0";
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
