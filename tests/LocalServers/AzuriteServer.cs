using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// Azurite's Blob service (installed from npm by the repository's package.json) on a free loopback port,
/// storing into a temporary directory. With <c>oauth</c> it serves HTTPS with a throw-away self-signed certificate
/// (<see cref="Certificate"/>) and accepts Entra ID bearer tokens (Azurite's "basic" check: lifetime, issuer and
/// audience, no signature), which is what user delegation keys need.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's documented development account; the key is public and well known.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ScratchDirectory _directory;
    private readonly ServerProcess _process;

    private AzuriteServer(ScratchDirectory directory, ServerProcess process, int port, X509Certificate2? certificate)
    {
        _directory = directory;
        _process = process;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    /// <summary>The HTTPS certificate in OAuth mode (clients must trust exactly this one); null otherwise.</summary>
    public X509Certificate2? Certificate { get; }

    public Uri BlobEndpoint => new($"{(Certificate is null ? "http" : "https")}://127.0.0.1:{Port}/{AccountName}");

    /// <summary>The form the Aspire AppHost injects for the storage emulator's blobs.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public static async Task<AzuriteServer> StartAsync(bool oauth = false)
    {
        var directory = new ScratchDirectory("azurite");
        var port = FreePort.Next();
        List<string> arguments =
        [
            "--location", directory.Path, "--blobHost", "127.0.0.1",
            "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose",
        ];
        X509Certificate2? certificate = null;
        if (oauth)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
            await File.WriteAllTextAsync(directory.Combine("cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(directory.Combine("key.pem"), key.ExportPkcs8PrivateKeyPem());
            arguments.AddRange(["--cert", directory.Combine("cert.pem"), "--key", directory.Combine("key.pem"), "--oauth", "basic"]);
        }

        var process = ServerProcess.Start("azurite-blob", RepositoryTools.Find("azurite-blob"), arguments);
        var server = new AzuriteServer(directory, process, port, certificate);
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
        Certificate?.Dispose();
        _directory.Dispose();
    }
}
