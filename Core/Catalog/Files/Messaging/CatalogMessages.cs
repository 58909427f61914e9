using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Core.Catalog.Files.Messaging;

/// <summary>The catalog's message contracts: the Api sends scan requests, Worker consumes them.</summary>
public static class CatalogMessages
{
    public const string ScanRequested = "file-scan-requested.v1";

    public static MessagingBuilder AddCatalogMessages(this MessagingBuilder messaging) => messaging
        .AddMessage(CatalogMessagesJson.Default.FileScanRequested, QueueNames.FileScans, ScanRequested);
}
