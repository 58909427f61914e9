using DigitalDelivery.Core.Downloads;

namespace DigitalDelivery.Api.Downloads;

public static class DownloadsApiExtensions
{
    /// <summary>The download side in the Api (needs AddApiCatalog for Blob storage and the catalog's container, AddApiRateLimiting for Redis).</summary>
    public static IHostApplicationBuilder AddApiDownloads(this IHostApplicationBuilder builder)
    {
        builder.AddDownloads();
        builder.Services.AddSingleton<InvalidTokenLimiter>();
        return builder;
    }
}
