using System.Globalization;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// s3rver, an S3-compatible server in Node (installed from npm by the repository's package.json), on a free
/// loopback port, storing into a temporary directory, with <see cref="Bucket"/> created at startup. It checks
/// Signature V4 against its fixed development credentials (<see cref="AccessKeyId"/>, <see cref="SecretAccessKey"/>),
/// and serves buckets path-style (http://127.0.0.1:port/bucket/key).
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    /// <summary>s3rver's built-in account; like Azurite's, it is public and well known.</summary>
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";
    public const string Bucket = "dd-deliveries";

    private readonly ScratchDirectory _directory;
    private readonly ServerProcess _process;

    private S3rverServer(ScratchDirectory directory, ServerProcess process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}"));

    public static async Task<S3rverServer> StartAsync()
    {
        var directory = new ScratchDirectory("s3rver");
        var port = FreePort.Next();
        var process = ServerProcess.Start("s3rver", RepositoryTools.Find("s3rver"),
        [
            "--directory", directory.Path, "--address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--no-vhost-buckets", "--configure-bucket", Bucket,
        ]);
        var server = new S3rverServer(directory, process, port);
        if (!await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited))
        {
            var failure = process.StartupFailure($"nothing listens on port {port}");
            await server.DisposeAsync();
            throw failure;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
