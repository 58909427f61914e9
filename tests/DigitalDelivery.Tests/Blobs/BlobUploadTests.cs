using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DigitalDelivery.Core.Catalog;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Tests.Blobs;

/// <summary>CatalogFileStorage's streamed upload on Azure.Storage.Blobs against Azurite: blocks, hash, metadata, no overwrite.</summary>
public sealed class BlobUploadTests(LocalInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly CatalogFileStorage _storage = new(new BlobServiceClient(infrastructure.Azurite.ConnectionString),
        Options.Create(new CatalogOptions { Container = $"u{Guid.NewGuid():N}" }));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _storage.EnsureContainerAsync(Cancel);
    }

    [Fact]
    public async Task A_64_MB_stream_of_unknown_length_uploads_in_blocks_with_the_right_size_SHA_256_type_and_metadata()
    {
        const long length = (64L * 1024 * 1024) + 12_345; // Eight full blocks and a short ninth.

        var sha256 = await _storage.UploadAsync("big/product.bin", new PatternStream(length), "application/zip",
            new Dictionary<string, string> { ["organization"] = "org42" }, Cancel);
        BlobProperties properties = await _storage.Blob("big/product.bin").GetPropertiesAsync(cancellationToken: Cancel);
        BlockList blocks = await _storage.ContainerClient.GetBlockBlobClient("big/product.bin").GetBlockListAsync(cancellationToken: Cancel);
        string downloadedHash;
        using (BlobDownloadStreamingResult download = await _storage.Blob("big/product.bin").DownloadStreamingAsync(cancellationToken: Cancel))
        {
            downloadedHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(download.Content, Cancel));
        }

        var expectedHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(new PatternStream(length), Cancel));
        Assert.Equal(expectedHash, sha256);
        Assert.Equal(expectedHash, downloadedHash);
        Assert.Equal(length, properties.ContentLength);
        Assert.Equal("application/zip", properties.ContentType);
        Assert.Equal(expectedHash, properties.Metadata["sha256"]);
        Assert.Equal("org42", properties.Metadata["organization"]);
        Assert.Equal(9, blocks.CommittedBlocks.Count());
        Assert.All(blocks.CommittedBlocks.SkipLast(1), block => Assert.Equal(8 * 1024 * 1024, block.SizeLong));
    }

    [Fact]
    public async Task A_small_upload_keeps_its_hash_and_a_range_across_the_block_boundary_of_a_large_one_reads_back_exactly()
    {
        var text = "Hello, Grüße! "u8.ToArray();
        const long length = (9L * 1024 * 1024) + 77; // Crosses the block boundary at 8 MiB.
        const long offset = (8L * 1024 * 1024) - 100;

        var small = await _storage.UploadAsync("notes/hello.txt", new MemoryStream(text), "text/plain; charset=utf-8",
            new Dictionary<string, string>(), Cancel);
        await _storage.UploadAsync("ranged.bin", new PatternStream(length), "application/octet-stream", new Dictionary<string, string>(), Cancel);
        using BlobDownloadStreamingResult middle = await _storage.Blob("ranged.bin").DownloadStreamingAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset, 1000) }, Cancel);
        var middleBytes = await ReadAllAsync(middle.Content);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(text)), small);
        Assert.Equal($"bytes {offset}-{offset + 999}/{length}", middle.Details.ContentRange);
        Assert.Equal(PatternStream.Expected(offset, 1000), middleBytes);
    }

    [Fact]
    public async Task An_existing_blob_is_never_replaced()
    {
        await _storage.UploadAsync("immutable.bin", new MemoryStream([1]), "application/octet-stream", new Dictionary<string, string>(), Cancel);

        var small = await Assert.ThrowsAsync<RequestFailedException>(() => _storage.UploadAsync("immutable.bin", new MemoryStream([2]),
            "application/octet-stream", new Dictionary<string, string>(), Cancel));
        var large = await Assert.ThrowsAsync<RequestFailedException>(() => _storage.UploadAsync("immutable.bin", new PatternStream(20L * 1024 * 1024),
            "application/octet-stream", new Dictionary<string, string>(), Cancel));

        Assert.Equal((409, "BlobAlreadyExists"), (small.Status, small.ErrorCode));
        Assert.Equal((409, "BlobAlreadyExists"), (large.Status, large.ErrorCode));
        Assert.Equal(new byte[] { 1 }, await ReadAllAsync((await _storage.Blob("immutable.bin").DownloadStreamingAsync(cancellationToken: Cancel)).Value.Content));
    }

    [Fact]
    public async Task A_source_stream_that_fails_midway_leaves_no_blob_behind()
    {
        var source = new FailingStream(new PatternStream(40L * 1024 * 1024), failAfter: 20L * 1024 * 1024);

        await Assert.ThrowsAsync<IOException>(() => _storage.UploadAsync("half.bin", source, "application/octet-stream",
            new Dictionary<string, string>(), Cancel));

        Assert.False((await _storage.Blob("half.bin").ExistsAsync(Cancel)).Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _storage.ContainerClient.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        _storage.Dispose();
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Cancel);
        return copy.ToArray();
    }
}
