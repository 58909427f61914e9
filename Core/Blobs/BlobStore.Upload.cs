using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Blobs;

// Streaming upload: the source is read once, block by block, and never buffered whole.
public sealed partial class BlobStore
{
    private const int MaxBlocks = 50_000;
    private const string Sha256MetadataName = "sha256";
    private static readonly BlobUploadOptions DefaultUploadOptions = new();

    /// <summary>
    /// Uploads a stream of any length, including unknown. Content that fits in one block goes up as a single Put
    /// Blob; anything larger as Put Block calls of <see cref="BlobStoreOptions.BlockSize"/> bytes (a few in parallel)
    /// committed by one Put Block List, so a failed upload never leaves a partial blob behind. The SHA-256 is
    /// computed while the bytes stream past and is also stored as metadata "sha256".
    /// </summary>
    public async Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        BlobPaths.ValidateContainer(container);
        BlobPaths.ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= DefaultUploadOptions;
        var contentType = ValidateUploadOptions(options);

        using var hash = options.ComputeSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var blockSize = _options.BlockSize;
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        int length;
        try
        {
            length = await ReadBlockAsync(content, buffer, blockSize, hash, cancellationToken).ConfigureAwait(false);
            if (length < blockSize)
            {
                var sha256 = hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
                var eTag = await PutBlobAsync(container, blobName, buffer.AsMemory(0, length), contentType, sha256, options, cancellationToken)
                    .ConfigureAwait(false);
                return new BlobUploadResult(length, sha256, eTag);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return await UploadInBlocksAsync(container, blobName, content, buffer, hash, contentType, options, cancellationToken).ConfigureAwait(false);
    }

    // Takes ownership of firstBlock, which is full.
    private async Task<BlobUploadResult> UploadInBlocksAsync(string container, string blobName, Stream content, byte[] firstBlock,
        IncrementalHash? hash, MediaTypeHeaderValue contentType, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var blockSize = _options.BlockSize;
        var uploadId = Guid.NewGuid();
        var blockIds = new List<string>();
        var inFlight = new List<Task>();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        byte[]? buffer = firstBlock;
        var count = blockSize;
        long length = 0;
        try
        {
            while (true)
            {
                if (blockIds.Count == MaxBlocks)
                {
                    throw new InvalidOperationException(
                        $"'{container}/{blobName}' is larger than {MaxBlocks} blocks of {blockSize} bytes; raise BlobStoreOptions.BlockSize.");
                }

                var blockId = BlockId(uploadId, blockIds.Count);
                blockIds.Add(blockId);
                length += count;
                inFlight.Add(PutBlockAsync(container, blobName, blockId, buffer, count, abandon.Token));
                buffer = null; // PutBlockAsync returns it to the pool.
                if (count < blockSize)
                {
                    break;
                }

                if (inFlight.Count >= _options.MaxUploadConcurrency)
                {
                    var finished = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(finished);
                    await finished.ConfigureAwait(false);
                }

                buffer = ArrayPool<byte>.Shared.Rent(blockSize);
                count = await ReadBlockAsync(content, buffer, blockSize, hash, abandon.Token).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
        catch
        {
            // Stop the other blocks and wait for them, so no buffer is in use and no failure goes unobserved.
            await abandon.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(inFlight).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var sha256 = hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
        var eTag = await PutBlockListAsync(container, blobName, blockIds, contentType, sha256, options, cancellationToken).ConfigureAwait(false);
        return new BlobUploadResult(length, sha256, eTag);
    }

    private async Task<string> PutBlobAsync(string container, string blobName, ReadOnlyMemory<byte> data, MediaTypeHeaderValue contentType,
        string? sha256, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var uri = BlobUri(container, blobName);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ReadOnlyMemoryContent(data) };
            request.Content.Headers.ContentType = contentType;
            request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
            AddCommitHeaders(request, contentType, sha256, options);
            return request;
        }, $"Put Blob '{container}/{blobName}'", HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created
            ? ETagOf(response)
            : throw await ErrorAsync(response, $"Put Blob '{container}/{blobName}'", cancellationToken).ConfigureAwait(false);
    }

    private async Task PutBlockAsync(string container, string blobName, string blockId, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        try
        {
            var uri = BlobUri(container, blobName, "comp=block&blockid=" + Uri.EscapeDataString(blockId));
            using var response = await SendAsync(
                () => new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ReadOnlyMemoryContent(buffer.AsMemory(0, count)) },
                $"Put Block to '{container}/{blobName}'", HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw await ErrorAsync(response, $"Put Block to '{container}/{blobName}'", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<string> PutBlockListAsync(string container, string blobName, List<string> blockIds, MediaTypeHeaderValue contentType,
        string? sha256, BlobUploadOptions options, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var blockId in blockIds)
        {
            xml.Append("<Latest>").Append(blockId).Append("</Latest>"); // Base64 needs no XML escaping.
        }

        var body = Encoding.UTF8.GetBytes(xml.Append("</BlockList>").ToString());
        var uri = BlobUri(container, blobName, "comp=blocklist");
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            AddCommitHeaders(request, contentType, sha256, options);
            return request;
        }, $"Put Block List '{container}/{blobName}'", HttpCompletionOption.ResponseContentRead, retry: true, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created
            ? ETagOf(response)
            : throw await ErrorAsync(response, $"Put Block List '{container}/{blobName}'", cancellationToken).ConfigureAwait(false);
    }

    private static void AddCommitHeaders(HttpRequestMessage request, MediaTypeHeaderValue contentType, string? sha256, BlobUploadOptions options)
    {
        request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", contentType.ToString());
        if (!options.Overwrite)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        }

        foreach (var (name, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            if (!name.Equals(Sha256MetadataName, StringComparison.OrdinalIgnoreCase) || sha256 is null)
            {
                request.Headers.TryAddWithoutValidation(MetadataPrefix + name, value);
            }
        }

        if (sha256 is not null)
        {
            request.Headers.TryAddWithoutValidation(MetadataPrefix + Sha256MetadataName, sha256);
        }
    }

    private static MediaTypeHeaderValue ValidateUploadOptions(BlobUploadOptions options)
    {
        if (!MediaTypeHeaderValue.TryParse(options.ContentType, out var contentType))
        {
            throw new ArgumentException($"'{options.ContentType}' is not a valid content type.", nameof(options));
        }

        foreach (var (name, value) in options.Metadata ?? new Dictionary<string, string>())
        {
            if (!MetadataName().IsMatch(name))
            {
                throw new ArgumentException($"Metadata name '{name}' must be a C# identifier.", nameof(options));
            }

            // Printable ASCII without outer spaces: anything else would not survive the header or its signature.
            if (value.Any(c => c is < ' ' or > '~') || value.Trim().Length != value.Length)
            {
                throw new ArgumentException($"Metadata '{name}' must be printable ASCII without leading or trailing spaces.", nameof(options));
            }
        }

        return contentType;
    }

    private static async Task<int> ReadBlockAsync(Stream content, byte[] buffer, int blockSize, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        hash?.AppendData(buffer, 0, read);
        return read;
    }

    // Unique per upload, so two uploads racing for one name cannot mix their uncommitted blocks; equal length for
    // every block of a blob, as the service requires.
    private static string BlockId(Guid uploadId, int index)
    {
        Span<byte> raw = stackalloc byte[20];
        uploadId.TryWriteBytes(raw);
        BinaryPrimitives.WriteInt32BigEndian(raw[16..], index);
        return Convert.ToBase64String(raw);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataName();
}
