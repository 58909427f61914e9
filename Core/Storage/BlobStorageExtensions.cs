using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Storage;

public static class BlobStorageExtensions
{
    private const string ProbeKey = "blobs-probe";

    /// <summary>
    /// Registers a singleton <see cref="BlobServiceClient"/> for ConnectionStrings:&lt;connectionName&gt;, in either form
    /// Aspire injects: an account connection string (the emulator, an account key) or a bare service URI
    /// (<c>https://acct.blob.core.windows.net/</c>), which authenticates with a TokenCredential registered in DI or
    /// else DefaultAzureCredential. Also <see cref="BlobReadLinks"/> and a readiness check named "blobs". The SDK
    /// retries transient failures itself (its own HttpClient, untouched by the service defaults' resilience handler,
    /// whose 30 s timeout would cut long transfers). The connection string is read on first use, so test hosts may
    /// add configuration after this call.
    /// </summary>
    public static IHostApplicationBuilder AddBlobStorage(this IHostApplicationBuilder builder, string connectionName = ConnectionNames.Blobs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        builder.Services.AddSingleton(services => Create(services, connectionName, maxRetries: 3));
        // The readiness probe must answer within its 5 s, so it never waits out retries.
        builder.Services.AddKeyedSingleton(ProbeKey, (services, _) => Create(services, connectionName, maxRetries: 0));
        builder.Services.AddSingleton<BlobReadLinks>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("blobs",
            services => new BlobStorageHealthCheck(services.GetRequiredKeyedService<BlobServiceClient>(ProbeKey)),
            failureStatus: null, tags: ["ready"]));
        return builder;
    }

    private static BlobServiceClient Create(IServiceProvider services, string connectionName, int maxRetries)
    {
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)?.Trim();
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set (environment variable ConnectionStrings__{connectionName}).");
        }

        var options = new BlobClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        // Per attempt: an 8 MiB block or a stalled read of a download must fit in it.
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(2);
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var serviceUri) && serviceUri.Scheme is "https" or "http")
        {
            return new BlobServiceClient(serviceUri, services.GetService<TokenCredential>() ?? new DefaultAzureCredential(), options);
        }

        try
        {
            return new BlobServiceClient(connectionString, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // Neither the string nor the SDK's message is quoted: either may carry the account key.
            throw new FormatException(
                $"ConnectionStrings:{connectionName} is neither a storage account connection string nor an http(s) Blob service URI.");
        }
    }
}
