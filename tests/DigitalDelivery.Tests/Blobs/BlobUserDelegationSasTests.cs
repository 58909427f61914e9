using System.Net;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Storage;
using DigitalDelivery.LocalServers;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalDelivery.Tests.Blobs;

/// <summary>BlobReadLinks with Entra ID (no account key): user delegation SAS URLs against Azurite in OAuth mode.</summary>
public sealed class BlobUserDelegationSasTests(OAuthAzurite azurite) : IClassFixture<OAuthAzurite>
{
    private static readonly byte[] Content = "the product file"u8.ToArray();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_delegation_SAS_URL_reads_the_blob_and_one_delegation_key_signs_many_links()
    {
        var service = azurite.CreateClient();
        var container = service.GetBlobContainerClient($"d{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync(cancellationToken: Cancel);
        await container.GetBlobClient("v1.zip").UploadAsync(new MemoryStream(Content), new BlobUploadOptions(), Cancel);
        var links = new BlobReadLinks(service, TimeProvider.System, NullLogger<BlobReadLinks>.Instance);
        var keysBefore = azurite.DelegationKeyRequests;
        using var http = azurite.CreateHttpClient();

        var first = await links.TryCreateAsync(container.Name, "v1.zip", DateTimeOffset.UtcNow.AddMinutes(5), "attachment; filename=\"v1.zip\"", Cancel);
        var second = await links.TryCreateAsync(container.Name, "v1.zip", TimeSpan.FromMinutes(5), Cancel);
        var third = await links.TryCreateAsync(container.Name, "v1.zip", TimeSpan.FromMinutes(10), Cancel);
        using var read = await http.GetAsync(first, Cancel);
        using var readAgain = await http.GetAsync(third, Cancel);
        using var put = new HttpRequestMessage(HttpMethod.Put, second) { Content = new ByteArrayContent([1, 2, 3]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var write = await http.SendAsync(put, Cancel);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(Content, await read.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("attachment; filename=\"v1.zip\"", read.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(HttpStatusCode.OK, readAgain.StatusCode);
        Assert.Contains("skoid=", first!.Query, StringComparison.Ordinal); // a user delegation SAS, not a service SAS
        Assert.Contains("spr=https&", first.Query + "&", StringComparison.Ordinal); // HTTPS only on an HTTPS endpoint
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(1, azurite.DelegationKeyRequests - keysBefore);
    }

    [Fact]
    public async Task Without_a_delegation_key_there_is_no_link_so_the_caller_streams_instead()
    {
        var unreachable = azurite.CreateClient(new Uri($"https://127.0.0.1:{FreePort.Next()}/{AzuriteServer.AccountName}"), maxRetries: 0);
        var links = new BlobReadLinks(unreachable, TimeProvider.System, NullLogger<BlobReadLinks>.Instance);

        var url = await links.TryCreateAsync("files", "a.zip", TimeSpan.FromMinutes(5), Cancel);
        var retried = await links.TryCreateAsync("files", "a.zip", TimeSpan.FromMinutes(5), Cancel);

        Assert.Null(url);
        Assert.Null(retried);
    }
}
