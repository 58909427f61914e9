extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Download destinations: a signed link per delivery, counted against its limit and logged, through the real Api.</summary>
public sealed class DownloadLinkDeliveryTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    private const string Event = "order.fulfilled";

    [Fact]
    public async Task A_deliverys_link_serves_the_payload_up_to_its_limit_and_logs_every_request()
    {
        var tenant = await fixture.CreateTenantAsync("download-link");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var destination = await CreateAsync(http, maxDownloads: 2);

        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "linked-1" });
        var link = new Uri(await LinkAsync(http, destination));
        using var anonymous = fixture.Factory.CreateClient();
        using var first = await anonymous.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);
        using var second = await anonymous.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);
        using var third = await anonymous.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var payload = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal("linked-1", payload.RootElement.GetProperty("data").GetProperty("order_id").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await ProblemAssert.IsProblemAsync(third, ProblemTypes.DownloadLimitReached);
        Assert.Equal(HttpStatusCode.Gone, third.StatusCode);
        Assert.Equal(3L, await fixture.ScalarAsync<long>("SELECT count(*) FROM delivery_link_downloads WHERE organization_id = @org", ("org", tenant.OrganizationId)));
        Assert.Equal(2L, await fixture.ScalarAsync<long>("SELECT count(*) FROM delivery_link_downloads WHERE organization_id = @org AND counted", ("org", tenant.OrganizationId)));
    }

    [Fact]
    public async Task A_tampered_link_is_not_found_and_concurrent_downloads_never_pass_the_limit()
    {
        var tenant = await fixture.CreateTenantAsync("download-race");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var destination = await CreateAsync(http, maxDownloads: 3);
        await fixture.PublishAsync(tenant.OrganizationId, Event, new { order_id = "raced" });
        var path = new Uri(await LinkAsync(http, destination)).PathAndQuery;
        using var anonymous = fixture.Factory.CreateClient();

        using var tampered = await anonymous.GetAsync(new Uri(path[..^3] + "AAA", UriKind.Relative), Ct);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);
            return response.StatusCode;
        }));

        await ProblemAssert.IsProblemAsync(tampered, ProblemTypes.InvalidDownloadToken);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Gone));
    }

    [Fact]
    public async Task A_links_files_stream_under_its_path_each_counting_and_a_file_no_longer_clean_is_gone()
    {
        var tenant = await fixture.CreateTenantAsync("download-files");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var destination = await CreateAsync(http, maxDownloads: 3);
        var book = DeliveryFilesHttp.Pattern(200_000, seed: 5);
        var bookId = await DeliveryFilesHttp.UploadCleanAsync(fixture, http, book, "book.epub");
        var extraId = await DeliveryFilesHttp.UploadCleanAsync(fixture, http, "extra"u8.ToArray(), "extra.txt");

        var delivery = await DeliveryFilesHttp.SubmitAndWaitAsync(http, destination, "delivered", bookId, extraId);
        var link = new Uri(delivery.GetProperty("result").GetString()!).PathAndQuery;
        using var anonymous = fixture.Factory.CreateClient();
        using var file = await anonymous.GetAsync(new Uri($"{link}/files/{bookId}", UriKind.Relative), Ct);
        var infected = await fixture.ScalarAsync<Guid>("UPDATE catalog_files SET status = 'infected' WHERE id = @id RETURNING id", ("id", extraId));
        using var gone = await anonymous.GetAsync(new Uri($"{link}/files/{infected}", UriKind.Relative), Ct);
        using var unknown = await anonymous.GetAsync(new Uri($"{link}/files/{Guid.NewGuid()}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(book, await file.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(await ContentTypeAsync(fixture, bookId), file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("book.epub", file.Content.Headers.ContentDisposition?.FileName);
        await ProblemAssert.IsProblemAsync(gone, ProblemTypes.DownloadRevoked);
        await ProblemAssert.IsProblemAsync(unknown, ProblemTypes.DownloadRevoked);
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT download_count FROM deliveries WHERE id = @id", ("id", delivery.GetProperty("id").GetGuid())));
        Assert.Equal(3L, await fixture.ScalarAsync<long>("SELECT count(*) FROM delivery_link_downloads WHERE organization_id = @org", ("org", tenant.OrganizationId)));
    }

    private static Task<string?> ContentTypeAsync(DeliveriesFixture fixture, Guid file) =>
        fixture.ScalarAsync<string>("SELECT content_type FROM catalog_files WHERE id = @id", ("id", file));

    private static async Task<Guid> CreateAsync(HttpClient http, int maxDownloads)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/destinations", new
        {
            name = "Links for the storefront", type = "download", config = new { expires_in_hours = 24, max_downloads = maxDownloads }, events = new[] { Event },
        }, Ct);
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("destination").GetProperty("id").GetGuid();
    }

    private static async Task<string> LinkAsync(HttpClient http, Guid destination)
    {
        string? link = null;
        await DigitalDelivery.Tests.Messaging.Support.Eventually.WaitUntilAsync(async () =>
        {
            var deliveries = await GetJsonAsync(http, $"/api/v1/deliveries?destination_id={destination}&status=delivered");
            link = deliveries.GetArrayLength() == 1 ? deliveries[0].GetProperty("result").GetString() : null;
            return link is not null;
        }, TimeSpan.FromSeconds(30), "the download link");
        return link!;
    }
}
