using System.Security.Cryptography;
using DigitalDelivery.Core.Blobs;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// Where catalog files live in Blob storage. Blob names are <c>files/&lt;organization&gt;/&lt;128 random bits&gt;</c>:
/// not guessable and never derived from anything a client sent. The container is created on first use.
/// </summary>
public sealed class CatalogFileStorage(BlobStore blobs, IOptions<CatalogOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _containerExists;

    public BlobStore Blobs => blobs;

    public string Container => options.Value.Container;

    public static string NewBlobName(Guid organizationId) =>
        $"files/{organizationId:N}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

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
                await blobs.CreateContainerIfNotExistsAsync(Container, cancellationToken);
                _containerExists = true;
            }
        }
        finally
        {
            _ensure.Release();
        }
    }

    /// <summary>Removes a blob after a failed or refused upload; a failure here must not hide the original one.</summary>
    public async Task<bool> TryDeleteAsync(string blobName)
    {
        try
        {
            return await blobs.DeleteAsync(Container, blobName, CancellationToken.None);
        }
        catch (BlobStorageException)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _ensure.Dispose();
}
