using System.Net;
using DigitalDelivery.Tests.Catalog;
using static DigitalDelivery.Tests.Downloads.DownloadHttp;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>
/// A 300 MB download streamed through the Api (Kestrel on loopback): the bytes hash to the file's SHA-256, the headers
/// describe it, it counts once, and the process allocates a small fraction of the file. Client and server share the
/// process, so the allocation figure is an upper bound for the server alone; it runs alone to be measurable.
/// </summary>
[Collection(nameof(LargeUploadsRunAlone))]
public sealed class LargeDownloadTests(DownloadsApiFixture fixture) : IClassFixture<DownloadsApiFixture>
{
    private const long MaxAllocated = 32L * 1024 * 1024;

    [Fact]
    public async Task A_300_MB_file_streams_whole_with_the_right_hash_and_headers_bounded_memory_and_counts_once()
    {
        var tenant = await fixture.CreateTenantAsync("large-download");
        var file = await fixture.LargeFileAsync(tenant);
        var grant = await fixture.GrantAsync(file, maxDownloads: 3);
        using var http = fixture.CreateClient();
        await BytesAsync(http, Get(grant, 0, 1_000_000)); // warm up the path (JIT, pools) in the same session
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await http.SendAsync(Get(grant), HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DownloadsApiFixture.LargeSize, response.Content.Headers.ContentLength);
        Assert.Equal("bytes", string.Join(",", response.Headers.AcceptRanges));
        Assert.Equal($"\"{file.Sha256}\"", response.Headers.ETag?.ToString());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var (sha256, length) = await HashAsync(response);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Current.TestOutputHelper?.WriteLine($"300 MB download allocated {allocated / 1048576.0:F1} MiB");

        Assert.Equal(DownloadsApiFixture.LargeSize, length);
        Assert.Equal(file.Sha256, sha256);
        Assert.Equal(1, await fixture.DownloadsUsedAsync(grant.AccessId));
        Assert.True(allocated < MaxAllocated, $"The download allocated {allocated} bytes; expected under {MaxAllocated} for a {length}-byte file.");
    }
}
