using System.Net;
using System.Net.Sockets;

namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// clamd for Worker's upload scanning (docs/operations/virus-scanning.md). Locally it runs from Debian's package
/// with a generated signature database holding only the EICAR test signature, because this machine cannot reach
/// freshclam's mirrors; elsewhere the official image, which keeps its signatures current itself.
/// </summary>
public static class ClamAvStore
{
    public const int LocalPort = 53310;

    // The EICAR test file in two halves, so a developer's own virus scanner does not quarantine this source file.
    private const string EicarFirstHalf = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$";
    private const string EicarSecondHalf = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public static IResourceBuilder<IResourceWithConnectionString> AddClamAvStore(
        this IDistributedApplicationBuilder builder, StoreMode mode, LocalState state, string name)
    {
        if (mode != StoreMode.Executables)
        {
            var container = new ClamAvContainerResource(name);
            var containerBuilder = builder.AddResource(container)
                .WithImage("clamav/clamav", "stable").WithImageRegistry("docker.io")
                .WithEndpoint(port: mode == StoreMode.Publish ? null : LocalPort, targetPort: 3310, name: ClamAvContainerResource.EndpointName, scheme: "tcp");
            return mode == StoreMode.Publish
                ? containerBuilder
                : containerBuilder.WithHealthCheck(AnswersHealthCheck.Register(builder, name, container.Endpoint, AnswersHealthCheck.Protocol.Clamd));
        }

        var directory = state.DataDirectory("clamav");
        var clamav = new LocalClamAvResource(name, directory);

        // clamd takes its port from its configuration file only, so the port behind DCP's proxy is chosen here.
        var listenPort = FreeLoopbackPort();
        var configFile = WriteConfiguration(directory, listenPort);

        return builder.AddResource(clamav)
            .WithEndpoint(port: LocalPort, targetPort: listenPort, name: LocalClamAvResource.EndpointName, scheme: "tcp")
            .WithArgs("--foreground", $"--config-file={configFile}")
            .WithIconName("ShieldCheckmark")
            .WithHealthCheck(AnswersHealthCheck.Register(builder, name, clamav.Endpoint, AnswersHealthCheck.Protocol.Clamd));
    }

    private static string WriteConfiguration(string directory, int port)
    {
        var database = Directory.CreateDirectory(Path.Combine(directory, "db")).FullName;
        var temporary = Directory.CreateDirectory(Path.Combine(directory, "tmp")).FullName;
        // A body signature: name, target 0 (any file), offset * (anywhere), the bytes in hex.
        var eicar = Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(EicarFirstHalf + EicarSecondHalf));
        File.WriteAllText(Path.Combine(database, "digitaldelivery-test.ndb"), $"DigitalDelivery.Test.EICAR:0:*:{eicar}\n");

        // No User line: clamd keeps the AppHost's user and so can read this folder. It logs to stderr, which DCP
        // shows as the resource's console log.
        var configFile = Path.Combine(directory, "clamd.conf");
        File.WriteAllLines(configFile,
        [
            $"TCPSocket {port}",
            "TCPAddr 127.0.0.1",
            $"DatabaseDirectory {database}",
            $"TemporaryDirectory {temporary}",
            "Foreground yes",
            "LogSyslog no",
            "LogTime yes",
            "OfficialDatabaseOnly no",
            "SelfCheck 0",
            "StreamMaxLength 1000M",
            "MaxFileSize 1000M",
            "MaxScanSize 1000M",
            "AlertExceedsMax yes",
        ]);
        return configFile;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
