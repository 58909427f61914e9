using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Storage;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalDelivery.Tests.Blobs;

/// <summary>BlobReadLinks with the account key (Azurite's connection string): what a redirect download hands out.</summary>
public sealed class BlobSasTests(LocalInfrastructure infrastructure) : IAsyncLifetime
{
    private const string BlobName = "releases/v1 final.zip";
    private static readonly byte[] Content = "the product file"u8.ToArray();
    private readonly BlobServiceClient _service = new(infrastructure.Azurite.ConnectionString);
    private readonly string _container = $"s{Guid.NewGuid():N}";
    private readonly HttpClient _plain = new();

    private BlobReadLinks Links => new(_service, TimeProvider.System, NullLogger<BlobReadLinks>.Instance);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var container = _service.GetBlobContainerClient(_container);
        await container.CreateIfNotExistsAsync(cancellationToken: Cancel);
        await container.GetBlobClient(BlobName).UploadAsync(new MemoryStream(Content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" } }, Cancel);
    }

    [Fact]
    public async Task A_read_SAS_URL_downloads_with_a_plain_HttpClient_while_it_is_valid()
    {
        var url = await Links.TryCreateAsync(_container, BlobName, DateTimeOffset.UtcNow.AddMinutes(5), "attachment; filename=\"v1 final.zip\"", Cancel);

        using var response = await _plain.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("attachment; filename=\"v1 final.zip\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains("sp=r", url!.Query, StringComparison.Ordinal);
        Assert.Contains("sr=b", url.Query, StringComparison.Ordinal);
        Assert.Contains("spr=https,http", Uri.UnescapeDataString(url.Query), StringComparison.Ordinal); // HTTP only because the emulator's endpoint is
    }

    [Fact]
    public async Task A_read_SAS_URL_serves_ranges_for_resumable_downloads()
    {
        var url = await Links.TryCreateAsync(_container, BlobName, TimeSpan.FromMinutes(5), Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4, 10);

        using var response = await _plain.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Content[4..11], await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task An_expired_SAS_URL_is_refused()
    {
        var url = await Links.TryCreateAsync(_container, BlobName, DateTimeOffset.UtcNow.AddMinutes(-1), null, Cancel);

        using var response = await _plain.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_SAS_URL_cannot_write_nor_be_stretched_to_another_blob()
    {
        var url = (await Links.TryCreateAsync(_container, BlobName, TimeSpan.FromMinutes(5), Cancel))!;
        var otherBlob = new Uri(url.AbsoluteUri.Replace("v1%20final.zip", "other.zip", StringComparison.Ordinal));
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([1, 2, 3]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");

        using var write = await _plain.SendAsync(put, Cancel);
        using var elsewhere = await _plain.GetAsync(otherBlob, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.NotEqual(url, otherBlob);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.GetBlobContainerClient(_container).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        _plain.Dispose();
    }
}
