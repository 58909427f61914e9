using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Catalog.Files;

namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// Opens a delivery's files for reading straight from the catalog's Blob storage. The stream reads ahead in blocks of
/// <see cref="BufferBytes"/> and knows its length, so a handler's memory per file stays near one block however large
/// the file, and SDKs that need a length or a rewind (S3's signing, an upload's retry) get one without buffering.
/// </summary>
public sealed class DeliveryFileContent(CatalogFileStorage storage)
{
    public const int BufferBytes = 4 * 1024 * 1024;

    public Task<Stream> OpenReadAsync(DeliveryFile file, CancellationToken cancellationToken) =>
        storage.Blob(file.BlobName).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = BufferBytes }, cancellationToken);
}
