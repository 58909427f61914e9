using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Tests.Identity;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

public sealed class FileUploadTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private const string Problems = "https://digitaldelivery.dev/problems/";

    [Fact]
    public async Task A_multipart_upload_is_stored_with_its_hash_size_sniffed_type_and_a_sanitised_name()
    {
        var tenant = await fixture.CreateTenantAsync("multipart");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var content = "%PDF-1.7\n"u8.ToArray().Concat(RandomNumberGenerator.GetBytes(300_000)).ToArray();

        using var response = await UploadMultipartAsync(http, content, "C:\\Users\\me\\Docs\\Report\u202Efdp.exe");
        var file = await ExpectAsync(response, HttpStatusCode.Created);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.GetProperty("sha256").GetString());
        Assert.Equal(content.Length, file.GetProperty("size_bytes").GetInt64());
        Assert.Equal("application/pdf", file.GetProperty("content_type").GetString());
        Assert.Equal("Reportfdp.exe", file.GetProperty("file_name").GetString());
        Assert.Equal("pending", file.GetProperty("status").GetString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var blobName = await fixture.ScalarAsync<string>("SELECT blob_name FROM catalog_files WHERE id = @id", ("id", file.GetProperty("id").GetGuid()));
        Assert.Matches($"^files/{tenant.OrganizationId:N}/[0-9a-f]{{32}}$", blobName!);
        BlobProperties stored = await Blobs.GetBlobClient(blobName!).GetPropertiesAsync(cancellationToken: Ct);
        Assert.Equal(content.Length, stored.ContentLength);
        Assert.Equal("application/pdf", stored.ContentType);
    }

    [Fact]
    public async Task A_raw_body_upload_is_stored_and_a_scan_is_requested_in_the_same_transaction()
    {
        var tenant = await fixture.CreateTenantAsync("raw");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var content = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(RandomNumberGenerator.GetBytes(20_000)).ToArray();

        using var response = await UploadRawAsync(http, content, "Bild für Café.png");
        var file = await ExpectAsync(response, HttpStatusCode.Created);
        var id = file.GetProperty("id").GetGuid();

        Assert.Equal("image/png", file.GetProperty("content_type").GetString());
        Assert.Equal("Bild für Café.png", file.GetProperty("file_name").GetString());
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM messaging_messages WHERE queue = 'file-scans' AND payload->>'fileId' = @id", ("id", id.ToString())));
        Assert.Equal("file.uploaded", await fixture.ScalarAsync<string>("SELECT action FROM audit_log WHERE entity_id = @id", ("id", id.ToString())));
    }

    [Fact]
    public async Task An_upload_over_the_tenants_limit_gets_413_and_leaves_no_blob_or_row()
    {
        var tenant = await fixture.CreateTenantAsync(fixture.SmallLimitOrganizationId, "small-limit");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var content = RandomNumberGenerator.GetBytes((int)CatalogApiFixture.SmallLimit + 1);

        // Streamed without a Content-Length, so the limit is enforced while reading, not from the header.
        using var streamed = new StreamContent(new MemoryStream(content));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files?name=big.bin") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request, Ct);
        using var declared = await UploadRawAsync(http, content, "big.bin");
        using var multipart = await UploadMultipartAsync(http, content, "big.bin");
        using var atLimit = await UploadRawAsync(http, content[..(int)CatalogApiFixture.SmallLimit], "exact.bin");

        foreach (var refused in new[] { response, declared, multipart })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            var problem = await ProblemAssert.IsProblemAsync(refused, Problems + "file-too-large");
            Assert.Equal(CatalogApiFixture.SmallLimit, problem.GetProperty("max_file_bytes").GetInt64());
        }

        await ExpectAsync(atLimit, HttpStatusCode.Created);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM catalog_files WHERE organization_id = @o", ("o", tenant.OrganizationId)));
        var blobs = new List<string>();
        await foreach (var item in Blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = $"files/{tenant.OrganizationId:N}/" }, Ct))
        {
            blobs.Add(item.Name);
        }

        Assert.Single(blobs);
    }

    public static TheoryData<string> EmptyUploads => ["raw", "multipart", "chunked"];

    [Theory]
    [MemberData(nameof(EmptyUploads))]
    public async Task An_empty_file_is_refused_with_400(string how)
    {
        var tenant = await fixture.CreateTenantAsync("empty");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        HttpResponseMessage response;
        if (how == "chunked")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/files?name=empty.txt") { Content = new StreamContent(new MemoryStream()) };
            request.Headers.TransferEncodingChunked = true;
            response = await http.SendAsync(request, Ct);
        }
        else
        {
            response = how == "raw" ? await UploadRawAsync(http, [], "empty.txt") : await UploadMultipartAsync(http, [], "empty.txt");
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await ProblemAssert.IsProblemAsync(response, Problems + "empty-file");
        }
    }

    [Fact]
    public async Task Uploads_without_a_name_or_without_a_file_part_are_refused()
    {
        var tenant = await fixture.CreateTenantAsync("unnamed");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var raw = new ByteArrayContent([1, 2, 3]);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { new StringContent("just text"), "description" } };

        using var unnamed = await http.PostAsync(new Uri("/api/v1/files", UriKind.Relative), raw, Ct);
        using var noFile = await http.PostAsync(new Uri("/api/v1/files", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        await ProblemAssert.IsProblemAsync(unnamed, Problems + "invalid-upload");
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        await ProblemAssert.IsProblemAsync(noFile, Problems + "invalid-upload");
    }

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\nthe body never ends")]
    [InlineData("no boundary anywhere in this body")]
    public async Task A_malformed_or_truncated_multipart_body_is_refused_with_400_and_stores_nothing(string body)
    {
        var tenant = await fixture.CreateTenantAsync("malformed");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await http.PostAsync(new Uri("/api/v1/files", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, Problems + "invalid-upload");
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM catalog_files WHERE organization_id = @o", ("o", tenant.OrganizationId)));
    }

    [Fact]
    public async Task Files_are_listed_with_filters_and_a_missing_file_is_404()
    {
        var tenant = await fixture.CreateTenantAsync("file-list");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var small = await UploadAsync(http, "hello"u8.ToArray(), "a-notes.txt");
        var big = await UploadAsync(http, new byte[50_000], "b-zeros.bin");
        await fixture.SetFileStatusAsync(big, "clean");

        using var bySize = await http.GetAsync(new Uri("/api/v1/files?sort=-size_bytes", UriKind.Relative), Ct);
        using var clean = await http.GetAsync(new Uri("/api/v1/files?status=clean", UriKind.Relative), Ct);
        using var search = await http.GetAsync(new Uri("/api/v1/files?q=notes", UriKind.Relative), Ct);
        using var missing = await http.GetAsync(new Uri($"/api/v1/files/{Guid.NewGuid()}", UriKind.Relative), Ct);

        Assert.Equal([big, small], (await ExpectAsync(bySize, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()));
        Assert.Equal([big], (await ExpectAsync(clean, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()));
        var found = (await ExpectAsync(search, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("text/plain", found.GetProperty("content_type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await ProblemAssert.IsProblemAsync(missing, Problems + "not-found");
    }

    private BlobContainerClient Blobs => fixture.Factory.Services.GetRequiredService<CatalogFileStorage>().ContainerClient;
}
