using System.Net;
using Azure.Core;
using DigitalDelivery.Core.Blobs;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Blobs;

public sealed class BlobSasTests(LocalInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly byte[] Content = "the product file"u8.ToArray();
    private readonly BlobStore _store = new(BlobConnectionSettings.Parse(infrastructure.Azurite.ConnectionString));
    private readonly string _container = $"s{Guid.NewGuid():N}";
    private readonly HttpClient _plain = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _store.CreateContainerIfNotExistsAsync(_container, Cancel);
        await _store.UploadAsync(_container, "releases/v1 final.zip", new MemoryStream(Content),
            new BlobUploadOptions { ContentType = "application/zip" }, Cancel);
    }

    [Fact]
    public async Task A_read_SAS_URL_downloads_with_a_plain_HttpClient_while_it_is_valid()
    {
        var url = _store.CreateReadSasUri(_container, "releases/v1 final.zip", TimeSpan.FromMinutes(5),
            "attachment; filename=\"v1 final.zip\"");

        using var response = await _plain.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("attachment; filename=\"v1 final.zip\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains("sp=r", url.Query, StringComparison.Ordinal);
        Assert.Contains("sr=b", url.Query, StringComparison.Ordinal);
        Assert.Contains($"sv={BlobStore.ApiVersion}", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_SAS_URL_serves_ranges_for_resumable_downloads()
    {
        var url = _store.CreateReadSasUri(_container, "releases/v1 final.zip", TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4, 10);

        using var response = await _plain.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Content[4..11], await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task An_expired_SAS_URL_is_refused()
    {
        var url = _store.CreateReadSasUri(_container, "releases/v1 final.zip", DateTimeOffset.UtcNow.AddMinutes(-1));

        using var response = await _plain.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_SAS_URL_cannot_write_nor_be_stretched_to_another_blob()
    {
        var url = _store.CreateReadSasUri(_container, "releases/v1 final.zip", TimeSpan.FromMinutes(5));
        var otherBlob = new Uri(url.AbsoluteUri.Replace("v1%20final.zip", "other.zip", StringComparison.Ordinal));
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([1, 2, 3]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");

        using var write = await _plain.SendAsync(put, Cancel);
        using var elsewhere = await _plain.GetAsync(otherBlob, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.NotEqual(url, otherBlob);
    }

    [Fact]
    public void With_Entra_ID_there_is_no_account_key_so_SAS_creation_says_it_is_not_supported()
    {
        using var store = new BlobStore(BlobConnectionSettings.Parse("https://acct.blob.core.windows.net/"), credential: new FixedTokenCredential());

        var error = Assert.Throws<NotSupportedException>(() => store.CreateReadSasUri("files", "a.zip", TimeSpan.FromMinutes(5)));

        Assert.False(store.CanCreateSasUris);
        Assert.Contains("account key", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DeleteContainerAsync(_container, CancellationToken.None);
        _store.Dispose();
        _plain.Dispose();
    }

    // Never asked for a token in this test: SAS creation fails before any request.
    private sealed class FixedTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("unused", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
