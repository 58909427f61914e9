using DigitalDelivery.Core.Catalog;
using DigitalDelivery.Core.Catalog.Files.Messaging;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Scanning;
using DigitalDelivery.Core.Security.DataProtection;
using DigitalDelivery.Core.Storage;

namespace DigitalDelivery.Worker.Scanning;

public static class FileScanningExtensions
{
    /// <summary>Worker scans uploads: Blob storage, clamd, the catalog services and the file-scans queue.</summary>
    public static IHostApplicationBuilder AddFileScanning(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDataProtection();
        builder.AddBlobStorage();
        builder.AddVirusScanning();
        builder.AddCatalog();
        var options = builder.AddCatalogScanning();
        builder.AddMessaging(messaging => messaging
            .AddQueue(QueueNames.FileScans, queue =>
            {
                queue.Concurrency = options.Concurrency;
                queue.Retry = new RetryPolicy(options.MaxAttempts, options.BaseDelay, options.MaxDelay);
                // A scan of a large file runs for minutes; it is not a backlog worth a degraded health report.
                queue.DegradedAfter = TimeSpan.FromMinutes(30);
            })
            .AddHandler<FileScanRequested, FileScanRequestedHandler>());
        return builder;
    }
}
