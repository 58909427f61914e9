using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Core.Catalog.Downloads;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Tenancy;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>Upload, then Worker scans through the file-scans queue with the real clamd (its test database detects EICAR).</summary>
public sealed class ScanningTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private const string Problems = "https://digitaldelivery.dev/problems/";
    private static readonly TimeSpan ScanTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_EICAR_file_is_quarantined_and_can_be_neither_attached_nor_downloaded()
    {
        var tenant = await fixture.CreateTenantAsync("eicar");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var draft = (await CreateProductAsync(http, UniqueSku("DRAFT"))).GetProperty("id").GetGuid();
        var other = (await CreateProductAsync(http, UniqueSku("OTHER"))).GetProperty("id").GetGuid();
        var eicar = await UploadAsync(http, EicarTestFile.Bytes(), "eicar.com");

        // While the scan is pending, a draft may take the file, but nothing serves it.
        using var attached = await http.PostAsJsonAsync($"/api/v1/products/{draft}/assets", new { file_id = eicar }, Ct);
        var assetId = (await ExpectAsync(attached, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Null(await ServableAsync(tenant.OrganizationId, assetId));

        await using (fixture.StartWorker())
        {
            await WaitForStatusAsync(http, eicar, "infected");
        }

        using var read = await http.GetAsync(new Uri($"/api/v1/files/{eicar}", UriKind.Relative), Ct);
        var file = await ExpectAsync(read, HttpStatusCode.OK);
        Assert.Contains("EICAR", file.GetProperty("scan_detail").GetString(), StringComparison.Ordinal);

        using var attachAgain = await http.PostAsJsonAsync($"/api/v1/products/{other}/assets", new { file_id = eicar }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, attachAgain.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(attachAgain, Problems + "file-not-clean");
        Assert.Equal("infected", problem.GetProperty("file_status").GetString());

        using var activate = await SendJsonAsync(http, HttpMethod.Patch, $"/api/v1/products/{draft}", new { status = "active" }, "\"1\"");
        Assert.Equal(HttpStatusCode.Conflict, activate.StatusCode);
        await ProblemAssert.IsProblemAsync(activate, Problems + "product-not-ready");

        Assert.Null(await ServableAsync(tenant.OrganizationId, assetId));

        using var delete = await http.DeleteAsync(new Uri($"/api/v1/files/{eicar}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        // Quarantined, not destroyed: the blob stays for inspection, and the tenant has been told.
        var blobName = await fixture.ScalarAsync<string>("SELECT blob_name FROM catalog_files WHERE id = @id", ("id", eicar));
        Assert.True((await fixture.Factory.Services.GetRequiredService<CatalogFileStorage>().Blob(blobName!).ExistsAsync(Ct)).Value);
        using var notices = await http.GetAsync(new Uri("/api/v1/notices", UriKind.Relative), Ct);
        var notice = (await ExpectAsync(notices, HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(("file.infected", "critical", eicar.ToString()),
            (notice.GetProperty("kind").GetString(), notice.GetProperty("severity").GetString(), notice.GetProperty("subject_id").GetString()));
        Assert.Equal("file.quarantined", await fixture.ScalarAsync<string>(
            "SELECT action FROM audit_log WHERE entity_id = @id AND actor_type = 'system'", ("id", eicar.ToString())));
        // And the merchant's destinations hear of it: a file.infected event in the outbox, committed with the verdict.
        Assert.Equal(eicar.ToString(), await fixture.ScalarAsync<string>(
            "SELECT (payload->>'data')::jsonb->>'file_id' FROM messaging_messages WHERE payload->>'type' = 'file.infected' AND payload->>'organizationId' = @o",
            ("o", tenant.OrganizationId.ToString())));
    }

    [Fact]
    public async Task A_clean_file_becomes_servable_and_its_product_can_go_active()
    {
        var tenant = await fixture.CreateTenantAsync("clean");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, UniqueSku("CLEAN"))).GetProperty("id").GetGuid();
        var content = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("A perfectly harmless line.\n", 5000)));
        var fileId = await UploadAsync(http, content, "harmless.txt");
        using var attached = await http.PostAsJsonAsync($"/api/v1/products/{product}/assets", new { file_id = fileId, max_downloads = 5 }, Ct);
        var assetId = (await ExpectAsync(attached, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await using (fixture.StartWorker())
        {
            await WaitForStatusAsync(http, fileId, "clean");
        }

        var servable = await ServableAsync(tenant.OrganizationId, assetId);
        using var activate = await SendJsonAsync(http, HttpMethod.Patch, $"/api/v1/products/{product}", new { status = "active" }, "\"1\"");

        Assert.NotNull(servable);
        Assert.Equal((fileId, content.LongLength, "text/plain", 1), (servable.FileId, servable.SizeBytes, servable.ContentType, servable.AssetVersion));
        Assert.Equal("active", (await ExpectAsync(activate, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task When_clamd_is_unreachable_the_scan_is_retried_and_after_the_last_attempt_flagged_ScanFailed()
    {
        var tenant = await fixture.CreateTenantAsync("unreachable");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var fileId = await UploadAsync(http, "%PDF-1.4 nothing to see"u8.ToArray(), "doc.pdf");

        await using (fixture.StartWorker($"tcp://127.0.0.1:{FreePort.Next()}", maxAttempts: 3))
        {
            await WaitForStatusAsync(http, fileId, "scan_failed");
        }

        Assert.Equal(3, await fixture.ScalarAsync<int>("SELECT scan_attempts FROM catalog_files WHERE id = @id", ("id", fileId)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM messaging_dead_letters"));
        using var notices = await http.GetAsync(new Uri("/api/v1/notices?kind=file.scan_failed", UriKind.Relative), Ct);
        Assert.Single((await ExpectAsync(notices, HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_file_over_clamds_limit_is_flagged_ScanFailed_on_the_first_attempt()
    {
        await using var smallClamd = await ClamAvServer.StartAsync(streamMaxLength: 1024 * 1024, maxFileSize: 1024 * 1024, cancellationToken: Ct);
        var tenant = await fixture.CreateTenantAsync("too-big-to-scan");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var fileId = await UploadAsync(http, new byte[3 * 1024 * 1024], "big.bin");

        await using (fixture.StartWorker(smallClamd.ConnectionString, maxAttempts: 5))
        {
            await WaitForStatusAsync(http, fileId, "scan_failed");
        }

        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT scan_attempts FROM catalog_files WHERE id = @id", ("id", fileId)));
        Assert.Contains("Too large", await fixture.ScalarAsync<string>("SELECT scan_detail FROM catalog_files WHERE id = @id", ("id", fileId)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_scan_can_be_requested_again_and_an_infected_file_cannot()
    {
        var tenant = await fixture.CreateTenantAsync("rescan");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var fileId = await UploadAsync(http, "%PDF-1.4 fine after all"u8.ToArray(), "retry.pdf");
        var eicar = await UploadAsync(http, EicarTestFile.Bytes(), "eicar.txt");
        await fixture.ScalarAsync<int>("DELETE FROM messaging_messages WHERE queue = 'file-scans'");
        await fixture.SetFileStatusAsync(fileId, "scan_failed");
        await fixture.SetFileStatusAsync(eicar, "infected");

        using var rescan = await http.PostAsync(new Uri($"/api/v1/files/{fileId}/rescan", UriKind.Relative), null, Ct);
        using var refused = await http.PostAsync(new Uri($"/api/v1/files/{eicar}/rescan", UriKind.Relative), null, Ct);
        Assert.Equal("pending", (await ExpectAsync(rescan, HttpStatusCode.Accepted)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await using (fixture.StartWorker())
        {
            await WaitForStatusAsync(http, fileId, "clean");
        }
    }

    private async Task<ServableFile?> ServableAsync(Guid organizationId, Guid assetId)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(organizationId);
        return await scope.ServiceProvider.GetRequiredService<ServableFiles>().FindAsync(assetId, cancellationToken: Ct);
    }

    private static async Task WaitForStatusAsync(HttpClient http, Guid fileId, string status)
    {
        string? last = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/files/{fileId}", UriKind.Relative), Ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            last = json.RootElement.GetProperty("status").GetString();
            return last == status;
        }, ScanTimeout, $"file {fileId} to be {status} (last seen {last})");
    }
}
