using System.Diagnostics;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Deliveries.Handlers.Network;

namespace DigitalDelivery.Core.Deliveries.Handlers.Storage;

/// <summary>
/// Writes payloads to a merchant's Azure Blob container with its account key. The SDK's own retries are off (the
/// engine's retry policy counts every attempt), and its connections go through <see cref="OutboundConnector"/>.
/// </summary>
internal sealed class AzureBlobWriter(OutboundConnector connector) : IDisposable
{
    private readonly HttpClient _http = new(connector.CreateHttpHandler(TimeSpan.FromSeconds(10))) { Timeout = TimeSpan.FromSeconds(100) };

    public Task<DeliveryOutcome> WriteAsync(StorageConfig config, string accountKey, string name, BinaryData content, CancellationToken cancellationToken) =>
        WriteAsync(config, name, blob => blob.UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken), accountKey);

    /// <summary>
    /// A file of any size, read once from <paramref name="content"/>: in blocks of the catalog's upload size, two at
    /// a time, committed at the end (a broken transfer leaves no partial object, and its retry overwrites).
    /// </summary>
    public Task<DeliveryOutcome> WriteAsync(StorageConfig config, string accountKey, string name, Stream content, string contentType, CancellationToken cancellationToken) =>
        WriteAsync(config, name, blob => blob.UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            TransferOptions = CatalogFileStorage.TransferOptions,
        }, cancellationToken), accountKey);

    private async Task<DeliveryOutcome> WriteAsync(StorageConfig config, string name, Func<BlobClient, Task> upload, string accountKey)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await upload(Container(config, accountKey).GetBlobClient(name));
            return DeliveryOutcome.Delivered(Stopwatch.GetElapsedTime(started), $"{config.Container}/{name}", 201);
        }
        catch (RequestFailedException ex)
        {
            return Failure(ex, started);
        }
        catch (Exception ex) when (ex.InnerException is OutboundAddressRefusedException refused)
        {
            return DeliveryOutcome.Permanent(refused.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    public async Task<DeliveryOutcome> ProbeAsync(StorageConfig config, string accountKey, string name, CancellationToken cancellationToken)
    {
        var written = await WriteAsync(config, accountKey, name, BinaryData.FromString("{}"), cancellationToken);
        if (!written.Succeeded)
        {
            return written;
        }

        try
        {
            await Container(config, accountKey).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return written with { Result = null };
        }
        catch (RequestFailedException ex)
        {
            return DeliveryOutcome.Permanent($"the probe was written but could not be deleted: {ex.ErrorCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}", written.Duration, ex.Status);
        }
    }

    public void Dispose() => _http.Dispose();

    private BlobContainerClient Container(StorageConfig config, string accountKey)
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(_http) };
        options.Retry.MaxRetries = 0;
        var uri = new Uri($"{config.AccountUrl!.TrimEnd('/')}/{config.Container}");
        return new BlobContainerClient(uri, new StorageSharedKeyCredential(config.AccountName, accountKey), options);
    }

    // The error code (ContainerNotFound, AuthenticationFailed) says what to fix; the message may quote the request.
    private static DeliveryOutcome Failure(RequestFailedException ex, long started)
    {
        var error = $"Blob storage {ex.Status}: {ex.ErrorCode ?? ex.InnerException?.Message ?? "no answer"}";
        return ex.Status is 0 or 408 or 429 or >= 500
            ? DeliveryOutcome.Transient(error, Stopwatch.GetElapsedTime(started), ex.Status == 0 ? null : ex.Status)
            : DeliveryOutcome.Permanent(error, Stopwatch.GetElapsedTime(started), ex.Status);
    }
}
