using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Catalog.Downloads;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Files.Messaging;
using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Catalog;

public static class CatalogServiceExtensions
{
    /// <summary>
    /// The catalog's services over the database and Blob storage (needs AddDeliveryDatabase,
    /// AddDeliveryDataProtection and AddBlobStorage): file storage, delivery configuration, license key pools and
    /// assignment, the servable-file query for downloads, and tenant notices. Settings from section Catalog.
    /// </summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().Bind(builder.Configuration.GetSection(CatalogOptions.SectionName))
            .Validate(o => o.MaxFileBytes > 0 && o.TenantMaxFileBytes.Values.All(v => v > 0), "Catalog file size limits must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogFileStorage>();
        builder.Services.AddSingleton<LicenseKeyCodec>();
        builder.Services.AddScoped<TenantNotices>();
        builder.Services.AddScoped<DeliveryConfigurations>();
        builder.Services.AddScoped<LicenseKeyPools>();
        builder.Services.AddScoped<LicenseKeyAssigner>();
        builder.Services.AddScoped<ServableFiles>();
        builder.AddMessaging(messaging => messaging.AddCatalogMessages());
        // Scan verdicts and low stock are merchant events as well as notices.
        builder.AddMerchantEvents();
        return builder;
    }

    /// <summary>
    /// What a consumer of the file-scans queue needs on top of <see cref="AddCatalog"/> (and AddVirusScanning): the
    /// scanner and its options (section Catalog:Scanning). The consumer registers its handler and the queue.
    /// </summary>
    public static FileScanOptions AddCatalogScanning(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(FileScanOptions.SectionName).Get<FileScanOptions>() ?? new FileScanOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<FileScanner>();
        return options;
    }
}
