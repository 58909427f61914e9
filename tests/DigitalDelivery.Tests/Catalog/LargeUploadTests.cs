using System.Net;
using System.Net.Http.Headers;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Catalog.Files;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>
/// A 300 MB upload through the real HTTP pipeline (Kestrel on loopback) as a raw body and as multipart: the stored
/// size and SHA-256 match what was sent, and the process's managed memory grows by a small fraction of the file.
/// Client and server share this process, so the numbers are an upper bound for the server alone.
/// </summary>
[Collection(nameof(LargeUploadsRunAlone))]
public sealed class LargeUploadTests(KestrelCatalogApiFixture fixture) : IClassFixture<KestrelCatalogApiFixture>
{
    private const long Size = 300L * 1000 * 1000;
    // Garbage, not retention: multipart parsing allocates a little per read (about 14% of the bytes measured here);
    // what must stay flat is the heap.
    private const long MaxAllocated = Size / 4;
    private const long MaxHeapGrowth = 64L * 1024 * 1024;

    public static TheoryData<string> Forms => ["raw", "multipart"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_300_MB_upload_streams_with_bounded_memory_and_a_correct_hash(string form)
    {
        var tenant = await fixture.CreateTenantAsync($"large-{form}");
        // No redirect handling: the test client's RedirectHandler copies request bodies into memory to replay them.
        using var http = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri(fixture.Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()),
        });
        http.Timeout = TimeSpan.FromMinutes(5);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await tenant.GetTokenAsync(http));
        Assert.NotEqual("localhost", http.BaseAddress!.Host); // Kestrel on a real port, not the in-memory TestServer
        using var content = new GeneratedUploadContent(Size);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files");
        if (form == "raw")
        {
            request.Content = content;
            request.Headers.Add("X-File-Name", "big-archive.zip");
        }
        else
        {
            var multipart = new MultipartFormDataContent { { content, "file", "big-archive.zip" } };
            request.Content = multipart;
        }

        // Warm up the paths once with a small file so JIT and pools are not counted against the big one.
        await UploadAsync(http, new byte[100_000], "warm-up.bin");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakHeapAsync(sampling.Token);
        var started = DateTimeOffset.UtcNow;

        using var response = await http.SendAsync(request, Ct);

        var elapsed = DateTimeOffset.UtcNow - started;
        await sampling.CancelAsync();
        var peakHeap = await peak;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var file = await ExpectAsync(response, HttpStatusCode.Created);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{form}: {Size / 1e6:F0} MB in {elapsed.TotalSeconds:F1} s; allocated {allocated / 1048576.0:F1} MiB; " +
            $"heap {heapBefore / 1048576.0:F1} MiB before, peak {peakHeap / 1048576.0:F1} MiB");

        Assert.Equal(Size, file.GetProperty("size_bytes").GetInt64());
        Assert.Equal(content.Sha256, file.GetProperty("sha256").GetString());
        Assert.Equal("application/zip", file.GetProperty("content_type").GetString());
        var blobName = await fixture.ScalarAsync<string>("SELECT blob_name FROM catalog_files WHERE id = @id", ("id", file.GetProperty("id").GetGuid()));
        BlobProperties stored = await fixture.Factory.Services.GetRequiredService<CatalogFileStorage>().Blob(blobName!).GetPropertiesAsync(cancellationToken: Ct);
        Assert.Equal(Size, stored.ContentLength);
        Assert.Equal(content.Sha256, stored.Metadata["sha256"]);
        Assert.True(allocated < MaxAllocated, $"The upload allocated {allocated} bytes; expected under {MaxAllocated} for a {Size}-byte file.");
        Assert.True(peakHeap - heapBefore < MaxHeapGrowth, $"The managed heap grew by {peakHeap - heapBefore} bytes during the upload.");
    }

    private static async Task<long> SamplePeakHeapAsync(CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
    }
}
