using Azure.Core;
using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Blobs;

public static class BlobStorageServiceExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="BlobStore"/> for ConnectionStrings:&lt;connectionName&gt; (either form) and a
    /// readiness health check named "blobs". The store uses its own HttpClient, so the service defaults' resilience
    /// handler (ConfigureHttpClientDefaults) never re-sends or times out its long transfers. A TokenCredential
    /// registered in DI is used for the service-URI form, else DefaultAzureCredential. The connection string is read
    /// when the store is first resolved, so test hosts may supply configuration after this call.
    /// </summary>
    public static IHostApplicationBuilder AddBlobStorage(this IHostApplicationBuilder builder, string connectionName = ConnectionNames.Blobs,
        Action<BlobStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        builder.Services.AddSingleton(services =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
                ?? throw new InvalidOperationException(
                    $"ConnectionStrings:{connectionName} is not set (environment variable ConnectionStrings__{connectionName}).");
            return BlobConnectionSettings.Parse(connectionString);
        });
        builder.Services.AddSingleton(services =>
        {
            var options = new BlobStoreOptions();
            configure?.Invoke(options);
            return new BlobStore(
                services.GetRequiredService<BlobConnectionSettings>(),
                options,
                services.GetService<TokenCredential>(),
                services.GetService<TimeProvider>());
        });
        builder.Services.AddHealthChecks().AddCheck<BlobStorageHealthCheck>("blobs", tags: ["ready"]);
        return builder;
    }
}
