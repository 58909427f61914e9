using System.Net;
using System.Security.Cryptography;
using System.Text;
using DigitalDelivery.Core.Blobs;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Blobs;

public sealed class BlobStoreTests(LocalInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly BlobStore _store = new(BlobConnectionSettings.Parse(infrastructure.Azurite.ConnectionString));
    private readonly string _container = $"t{Guid.NewGuid():N}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _store.CreateContainerIfNotExistsAsync(_container, Cancel);
    }

    [Fact]
    public async Task Creating_a_container_reports_whether_it_was_new_and_deleting_whether_it_existed()
    {
        var name = $"c{Guid.NewGuid():N}";

        Assert.True(await _store.CreateContainerIfNotExistsAsync(name, Cancel));
        Assert.False(await _store.CreateContainerIfNotExistsAsync(name, Cancel));
        Assert.True(await _store.DeleteContainerAsync(name, Cancel));
        Assert.False(await _store.DeleteContainerAsync(name, Cancel));
    }

    [Fact]
    public async Task A_64_MB_stream_of_unknown_length_uploads_in_blocks_with_the_right_size_and_SHA_256()
    {
        const long length = (64L * 1024 * 1024) + 12_345; // Eight full blocks and a short ninth.

        var result = await _store.UploadAsync(_container, "big/product.bin", new PatternStream(length),
            new BlobUploadOptions { ContentType = "application/zip" }, Cancel);
        var properties = await _store.GetPropertiesAsync(_container, "big/product.bin", Cancel);
        string downloadedHash;
        await using (var download = await _store.DownloadAsync(_container, "big/product.bin", cancellationToken: Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, download!.StatusCode);
            Assert.Equal(length, download.ContentLength);
            downloadedHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(download.Content, Cancel));
        }

        var expectedHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(new PatternStream(length), Cancel));
        Assert.Equal(length, result.Length);
        Assert.Equal(expectedHash, result.Sha256);
        Assert.Equal(expectedHash, downloadedHash);
        Assert.NotNull(properties);
        Assert.Equal(length, properties.ContentLength);
        Assert.Equal("application/zip", properties.ContentType);
        Assert.Equal(result.ETag, properties.ETag);
        Assert.Equal(expectedHash, properties.Metadata["sha256"]);
    }

    [Fact]
    public async Task A_ranged_download_returns_exactly_the_requested_bytes_with_206_and_Content_Range()
    {
        const long length = (9L * 1024 * 1024) + 77; // Crosses a block boundary at 8 MiB.
        var upload = await _store.UploadAsync(_container, "ranged.bin", new PatternStream(length), cancellationToken: Cancel);
        const long offset = (8L * 1024 * 1024) - 100;

        await using var middle = await _store.DownloadAsync(_container, "ranged.bin", new BlobRange(offset, 1000), upload.ETag, Cancel);
        var middleBytes = await ReadAllAsync(middle!.Content);
        await using var tail = await _store.DownloadAsync(_container, "ranged.bin", new BlobRange(length - 500), cancellationToken: Cancel);
        var tailBytes = await ReadAllAsync(tail!.Content);

        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.True(middle.IsPartial);
        Assert.Equal(1000, middle.ContentLength);
        Assert.Equal(length, middle.TotalLength);
        Assert.Equal($"bytes {offset}-{offset + 999}/{length}", middle.ContentRange);
        Assert.Equal(upload.ETag, middle.ETag);
        Assert.Equal(PatternStream.Expected(offset, 1000), middleBytes);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal($"bytes {length - 500}-{length - 1}/{length}", tail.ContentRange);
        Assert.Equal(PatternStream.Expected(length - 500, 500), tailBytes);
    }

    [Fact]
    public async Task A_small_blob_goes_up_in_one_request_and_keeps_its_content_type_and_metadata()
    {
        var text = "Hello, Grüße! "u8.ToArray();

        var result = await _store.UploadAsync(_container, "notes/hello.txt", new MemoryStream(text), new BlobUploadOptions
        {
            ContentType = "text/plain; charset=utf-8",
            Metadata = new Dictionary<string, string> { ["productId"] = "42", ["sha256"] = "ignored, the real hash wins" },
        }, Cancel);
        var properties = await _store.GetPropertiesAsync(_container, "notes/hello.txt", Cancel);
        await using var download = await _store.DownloadAsync(_container, "notes/hello.txt", cancellationToken: Cancel);

        Assert.Equal(text.Length, result.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(text)), result.Sha256);
        Assert.Equal("text/plain; charset=utf-8", properties!.ContentType);
        Assert.Equal("42", properties.Metadata["productId"]);
        Assert.Equal(result.Sha256, properties.Metadata["sha256"]);
        Assert.Equal(text, await ReadAllAsync(download!.Content));
        Assert.Equal("text/plain; charset=utf-8", download.ContentType);
    }

    [Fact]
    public async Task An_empty_stream_makes_an_empty_blob()
    {
        var result = await _store.UploadAsync(_container, "empty", Stream.Null, cancellationToken: Cancel);

        Assert.Equal(0, result.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), result.Sha256);
        Assert.Equal(0, (await _store.GetPropertiesAsync(_container, "empty", Cancel))!.ContentLength);
    }

    [Fact]
    public async Task Missing_blobs_give_null_and_delete_reports_whether_the_blob_existed()
    {
        await _store.UploadAsync(_container, "doomed.txt", new MemoryStream([1, 2, 3]), cancellationToken: Cancel);

        Assert.Null(await _store.GetPropertiesAsync(_container, "never-uploaded", Cancel));
        Assert.Null(await _store.DownloadAsync(_container, "never-uploaded", cancellationToken: Cancel));
        Assert.Null(await _store.GetPropertiesAsync($"n{Guid.NewGuid():N}", "in-a-missing-container", Cancel));
        Assert.True(await _store.DeleteAsync(_container, "doomed.txt", Cancel));
        Assert.False(await _store.DeleteAsync(_container, "doomed.txt", Cancel));
        Assert.Null(await _store.GetPropertiesAsync(_container, "doomed.txt", Cancel));
    }

    [Fact]
    public async Task Service_errors_carry_the_status_and_the_storage_error_code()
    {
        var first = await _store.UploadAsync(_container, "immutable.bin", new MemoryStream([1]), cancellationToken: Cancel);
        await _store.UploadAsync(_container, "immutable.bin", new MemoryStream([2]), cancellationToken: Cancel);

        var exists = await Assert.ThrowsAsync<BlobStorageException>(() => _store.UploadAsync(_container, "immutable.bin",
            new MemoryStream([3]), new BlobUploadOptions { Overwrite = false }, Cancel));
        var changed = await Assert.ThrowsAsync<BlobStorageException>(() => _store.DownloadAsync(_container, "immutable.bin",
            new BlobRange(0, 1), first.ETag, Cancel));
        var beyondEnd = await Assert.ThrowsAsync<BlobStorageException>(() => _store.DownloadAsync(_container, "immutable.bin",
            new BlobRange(10, 5), cancellationToken: Cancel));
        var missingContainer = await Assert.ThrowsAsync<BlobStorageException>(() => _store.ListBlobNamesPageAsync($"n{Guid.NewGuid():N}",
            cancellationToken: Cancel));

        Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
        Assert.Equal("BlobAlreadyExists", exists.ErrorCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, changed.StatusCode);
        Assert.Equal("ConditionNotMet", changed.ErrorCode);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyondEnd.StatusCode);
        Assert.Equal("InvalidRange", beyondEnd.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, missingContainer.StatusCode);
        Assert.Equal("ContainerNotFound", missingContainer.ErrorCode);
    }

    [Fact]
    public async Task A_source_stream_that_fails_midway_leaves_no_blob_behind()
    {
        var source = new FailingStream(new PatternStream(40L * 1024 * 1024), failAfter: 20L * 1024 * 1024);

        await Assert.ThrowsAsync<IOException>(() => _store.UploadAsync(_container, "half.bin", source, cancellationToken: Cancel));

        Assert.Null(await _store.GetPropertiesAsync(_container, "half.bin", Cancel));
    }

    [Fact]
    public async Task Uploading_into_a_missing_container_fails_with_ContainerNotFound_for_small_and_block_uploads()
    {
        var missing = $"n{Guid.NewGuid():N}";

        var small = await Assert.ThrowsAsync<BlobStorageException>(() => _store.UploadAsync(missing, "a.bin", new MemoryStream([1]),
            cancellationToken: Cancel));
        var large = await Assert.ThrowsAsync<BlobStorageException>(() => _store.UploadAsync(missing, "b.bin", new PatternStream(20L * 1024 * 1024),
            cancellationToken: Cancel));

        Assert.Equal("ContainerNotFound", small.ErrorCode);
        Assert.Equal("ContainerNotFound", large.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, large.StatusCode);
    }

    [Fact]
    public async Task A_wrong_account_key_is_rejected_with_403_and_the_error_never_shows_the_key()
    {
        const string wrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LTEyMzQ=";
        var settings = BlobConnectionSettings.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={wrongKey};BlobEndpoint={infrastructure.Azurite.BlobEndpoint};");
        using var store = new BlobStore(settings);

        var error = await Assert.ThrowsAsync<BlobStorageException>(() => store.CreateContainerIfNotExistsAsync($"c{Guid.NewGuid():N}", Cancel));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.True(error.ErrorCode is "AuthenticationFailed" or "AuthorizationFailure", error.ErrorCode); // Azure's code, Azurite's.
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_by_prefix_returns_matching_names_in_order_page_by_page()
    {
        string[] names = ["docs/b c.txt", "docs/a.txt", "docs/ü-umlaut.bin", "docs/sub/deep.txt", "docsfoo", "images/x.png"];
        foreach (var name in names)
        {
            await _store.UploadAsync(_container, name, new MemoryStream(Encoding.UTF8.GetBytes(name)), cancellationToken: Cancel);
        }

        var firstPage = await _store.ListBlobNamesPageAsync(_container, "docs/", pageSize: 2, cancellationToken: Cancel);
        var secondPage = await _store.ListBlobNamesPageAsync(_container, "docs/", firstPage.ContinuationToken, 2, Cancel);
        var all = await _store.ListBlobNamesAsync(_container, "docs/", Cancel).ToListAsync(Cancel);
        var everything = await _store.ListBlobNamesAsync(_container, cancellationToken: Cancel).ToListAsync(Cancel);

        string[] expected = ["docs/a.txt", "docs/b c.txt", "docs/sub/deep.txt", "docs/ü-umlaut.bin"];
        Assert.Equal(expected[..2], firstPage.Names);
        Assert.NotNull(firstPage.ContinuationToken);
        Assert.Equal(expected[2..], secondPage.Names);
        Assert.Null(secondPage.ContinuationToken);
        Assert.Equal(expected, all);
        Assert.Equal(names.Order(StringComparer.Ordinal), everything);
        await using var umlaut = await _store.DownloadAsync(_container, "docs/ü-umlaut.bin", cancellationToken: Cancel);
        Assert.Equal("docs/ü-umlaut.bin", Encoding.UTF8.GetString(await ReadAllAsync(umlaut!.Content)));
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-abc")]
    public async Task Invalid_container_names_are_refused_before_any_request(string container)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateContainerIfNotExistsAsync(container, Cancel));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("bad\nname")]
    public async Task Invalid_blob_names_are_refused_before_any_request(string blobName)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetPropertiesAsync(_container, blobName, Cancel));
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DeleteContainerAsync(_container, CancellationToken.None);
        _store.Dispose();
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Cancel);
        return copy.ToArray();
    }
}
