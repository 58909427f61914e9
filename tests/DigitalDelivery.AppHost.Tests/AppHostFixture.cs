using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.AppHost.Tests;

/// <summary>
/// Starts the real AppHost once for the collection, as `dotnet run --project AppHost` would on this machine: the
/// stores as executables with their data in a scratch folder, random ports (the testing builder's default), and
/// the dashboard on, with a telemetry API key of its own so the tests can read the traces the services export.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private DistributedApplication? _app;

    // Open to other users (a temporary folder is mode 700): as root the PostgreSQL cluster runs as postgres.
    public string LocalDirectory { get; } = OpenToOthers(Directory.CreateTempSubdirectory("dd-apphost-").FullName);

    public string DashboardApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));


    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public string MailDirectory => Path.Combine(LocalDirectory, "mail", "new");

    public async ValueTask InitializeAsync()
    {
        string[] args =
        [
            "--Stores:Mode=Executables",
            $"--Stores:LocalDirectory={LocalDirectory}",
            $"--AppHost:DashboardApiKey={DashboardApiKey}",
            $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            "--ASPIRE_VERSION_CHECK_DISABLED=true",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            args, (options, _) => options.DisableDashboard = false);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        using var timeout = new CancellationTokenSource(StartTimeout);
        _app = await builder.BuildAsync(timeout.Token);
        // StartAsync returns once every resource has started or is waiting; a dependency that never becomes healthy
        // would keep the services waiting, so the wait below is bounded too.
        try
        {
            await _app.StartAsync(timeout.Token);
            foreach (var service in (string[])["api", "worker", "deliveryworker", "web"])
            {
                // A service that exits (a startup exception, say) never becomes healthy: stop waiting at once.
                var reached = await _app.ResourceNotifications.WaitForResourceAsync(service,
                    update => update.Snapshot.HealthStatus == HealthStatus.Healthy
                        || KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text),
                    timeout.Token);
                if (reached.Snapshot.HealthStatus != HealthStatus.Healthy)
                {
                    throw new InvalidOperationException($"{service} stopped before it became healthy: {DescribeResources()}");
                }
            }
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The AppHost did not become healthy within {StartTimeout}: {DescribeResources()}", e);
        }
    }

    /// <summary>Every resource's state and health, for a failure message that says what did not start.</summary>
    public string DescribeResources() => string.Join("; ", App.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Select(resource => App.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
            ? $"{resource.Name} {current.Snapshot.State?.Text} {current.Snapshot.HealthStatus} exit={current.Snapshot.ExitCode}"
            : $"{resource.Name} (no state)"));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(LocalDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The postgres user's files may outlive the cluster by a moment; the scratch folder is in /tmp anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The first-run credentials the seed resource wrote (key=value lines).</summary>
    public IReadOnlyDictionary<string, string> FirstRunCredentials() =>
        File.ReadAllLines(Path.Combine(LocalDirectory, "secrets", "first-run-credentials.txt"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    /// <summary>An Api client signed in with the first-run API client's credentials (client credentials grant).</summary>
    public async Task<HttpClient> MerchantClientAsync(CancellationToken cancellationToken)
    {
        var credentials = FirstRunCredentials();
        var http = App.CreateHttpClient("api", "http");
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credentials["client_id"]}:{credentials["client_secret"]}")));
        using var token = await http.SendAsync(tokenRequest, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    /// <summary>The dashboard's telemetry API (OTLP JSON), authenticated with this app's key.</summary>
    public HttpClient DashboardClient()
    {
        // The dashboard's endpoint is proxied like any other, so its port is the one DCP chose (randomized in tests).
        var http = new HttpClient { BaseAddress = App.GetEndpoint("aspire-dashboard", "http") };
        http.DefaultRequestHeaders.Add("x-api-key", DashboardApiKey);
        return http;
    }

    private static string OpenToOthers(string directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return directory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
