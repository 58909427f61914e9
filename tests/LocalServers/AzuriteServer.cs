using System.Globalization;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// Azurite's Blob service (installed from npm by the repository's package.json) on a free loopback port,
/// storing into a temporary directory.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's documented development account; the key is public and well known.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ScratchDirectory _directory;
    private readonly ServerProcess _process;

    private AzuriteServer(ScratchDirectory directory, ServerProcess process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>The form the Aspire AppHost injects for the storage emulator's blobs.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public static async Task<AzuriteServer> StartAsync()
    {
        var directory = new ScratchDirectory("azurite");
        var port = FreePort.Next();
        var process = ServerProcess.Start("azurite-blob", RepositoryTools.Find("azurite-blob"),
        [
            "--location", directory.Path, "--blobHost", "127.0.0.1",
            "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose",
        ]);
        var server = new AzuriteServer(directory, process, port);
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
