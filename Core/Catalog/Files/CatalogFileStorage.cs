using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Storage;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// Where catalog files live in Blob storage. Blob names are <c>files/&lt;organization&gt;/&lt;128 random bits&gt;</c>:
/// not guessable and never derived from anything a client sent. The container is created on first use.
/// </summary>
public sealed class CatalogFileStorage(BlobServiceClient blobs, IOptions<CatalogOptions> options) : IDisposable
{
    public const string Sha256MetadataName = "sha256";

    /// <summary>
    /// Blocks of 8 MiB, two in flight: memory per upload stays near 3 × 8 MiB however large the file. The first
    /// block doubles as the single-request threshold (the SDK's default of 256 MiB would buffer that much of a
    /// stream of unknown length).
    /// </summary>
    public static readonly StorageTransferOptions TransferOptions = new()
    {
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 8 * 1024 * 1024,
        MaximumConcurrency = 2,
    };

    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _containerExists;

    public string Container => options.Value.Container;

    public BlobContainerClient ContainerClient => blobs.GetBlobContainerClient(Container);

    public static string NewBlobName(Guid organizationId) =>
        $"files/{organizationId:N}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    public BlobClient Blob(string blobName) => ContainerClient.GetBlobClient(blobName);

    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerExists)
        {
            return;
        }

        await _ensure.WaitAsync(cancellationToken);
        try
        {
            if (!_containerExists)
            {
                await ContainerClient.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _containerExists = true;
            }
        }
        finally
        {
            _ensure.Release();
        }
    }

    /// <summary>
    /// Streams <paramref name="content"/> (any length, read once) into a new blob, never replacing one, and returns
    /// its SHA-256 (lower-case hex), computed as the bytes pass and stored as metadata "sha256" with the rest of
    /// <paramref name="metadata"/>. Large content goes up as staged blocks committed at the end, so a failed upload
    /// leaves no blob behind.
    /// </summary>
    public async Task<string> UploadAsync(string blobName, Stream content, string contentType, IDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var blob = Blob(blobName);
        using var sha256 = SHA256.Create();
        string hash;
        ETag eTag;
        await using (var hashing = new CryptoStream(content, sha256, CryptoStreamMode.Read, leaveOpen: true))
        {
            var stored = await blob.UploadAsync(hashing, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = TransferOptions,
            }, cancellationToken);
            eTag = stored.Value.ETag;
            // The SDK read to the end, so the hash is final.
            hash = Convert.ToHexStringLower(sha256.Hash!);
        }

        // The hash is known only after the last byte; the blob is not referenced by any row until this returns.
        var withHash = new Dictionary<string, string>(metadata) { [Sha256MetadataName] = hash };
        await blob.SetMetadataAsync(withHash, new BlobRequestConditions { IfMatch = eTag }, cancellationToken);
        return hash;
    }

    /// <summary>Removes a blob after a failed or refused upload; a failure here must not hide the original one.</summary>
    public async Task<bool> TryDeleteAsync(string blobName)
    {
        try
        {
            return await Blob(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: CancellationToken.None);
        }
        catch (Exception ex) when (BlobFailures.IsStorageFailure(ex))
        {
            return false;
        }
    }

    public void Dispose() => _ensure.Dispose();
}
