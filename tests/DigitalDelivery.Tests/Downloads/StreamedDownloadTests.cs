using System.Net;
using System.Net.Http.Headers;
using DigitalDelivery.Tests.Blobs;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.Downloads.DownloadHttp;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>Streamed mode: whole files, ranges, sessions and what counts as a download.</summary>
public sealed class StreamedDownloadTests(DownloadsApiFixture fixture) : IClassFixture<DownloadsApiFixture>
{
    private const long MediumSize = 16L * 1024 * 1024 + 12_345;

    [Fact]
    public async Task Eight_parallel_range_connections_fetching_one_file_count_as_one_download()
    {
        var file = await MediumFileAsync("parallel");
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient("download-manager/8.0");
        const int Connections = 8;
        var part = file.Size / Connections;

        var parts = await Task.WhenAll(Enumerable.Range(0, Connections).Select(i =>
        {
            var from = i * part;
            long? to = i == Connections - 1 ? null : from + part - 1;
            return BytesAsync(http, Get(grant, from, to));
        }));

        Assert.Equal(file.Sha256, Sha256([.. parts.SelectMany(p => p)]));
        Assert.Equal(1, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task An_interrupted_download_resumed_from_its_offset_counts_once()
    {
        var file = await MediumFileAsync("resume");
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient();
        var received = new byte[2 * 1024 * 1024];
        using (var response = await http.SendAsync(Get(grant), HttpCompletionOption.ResponseHeadersRead, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync(Cancel);
            await body.ReadExactlyAsync(received, Cancel);
        } // the client goes away mid-body

        using var resumed = await http.SendAsync(Get(grant, received.Length), HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal($"bytes {received.Length}-{file.Size - 1}/{file.Size}", resumed.Content.Headers.ContentRange?.ToString());
        var rest = await resumed.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(file.Sha256, Sha256([.. received, .. rest]));
        Assert.Equal(1, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task The_limit_is_reached_after_as_many_sessions_as_allowed_and_an_open_session_may_go_on()
    {
        var file = await MediumFileAsync("limit", size: 100_000);
        var grant = await fixture.GrantAsync(file, maxDownloads: 2);
        using var first = fixture.CreateClient("browser-one");
        using var second = fixture.CreateClient("browser-two");
        using var third = fixture.CreateClient("browser-three");

        await BytesAsync(first, Get(grant));
        await BytesAsync(second, Get(grant));
        using var refused = await third.SendAsync(Get(grant), Cancel);
        var again = await BytesAsync(first, Get(grant, 50_000)); // still inside browser-one's session

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await ProblemAssert.IsProblemAsync(refused, DownloadProblemTypes.LimitReached);
        Assert.Equal(50_000, again.Length);
        Assert.Equal(2, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task Parallel_first_requests_of_many_clients_never_exceed_the_limit()
    {
        var file = await MediumFileAsync("race", size: 50_000);
        var grant = await fixture.GrantAsync(file, maxDownloads: 3);
        var clients = Enumerable.Range(0, 12).Select(i => fixture.CreateClient($"racer-{i}")).ToList();
        try
        {
            var statuses = await Task.WhenAll(clients.Select(async client =>
            {
                using var response = await client.SendAsync(Get(grant), Cancel);
                return response.StatusCode;
            }));

            Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Forbidden));
            Assert.Equal(3, await fixture.DownloadsUsedAsync(grant.AccessId));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Head_sends_the_headers_without_a_body_and_does_not_count()
    {
        var file = await MediumFileAsync("head", size: 70_000);
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient();

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, grant.Path), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(70_000, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(0, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task An_unsatisfiable_range_answers_416_with_the_size_and_does_not_count()
    {
        var file = await MediumFileAsync("416", size: 10_000);
        var grant = await fixture.GrantAsync(file, maxDownloads: 1);
        using var http = fixture.CreateClient();

        using var response = await http.SendAsync(Get(grant, 10_000, 20_000), Cancel);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */10000", response.Content.Headers.ContentRange?.ToString());
        await ProblemAssert.IsProblemAsync(response, DownloadProblemTypes.RangeNotSatisfiable);
        Assert.Equal(0, await fixture.DownloadsUsedAsync(grant.AccessId));
    }

    [Fact]
    public async Task Several_ranges_answer_a_multipart_byteranges_body_with_each_part()
    {
        var file = await MediumFileAsync("multi", size: 200_000);
        var grant = await fixture.GrantAsync(file);
        using var http = fixture.CreateClient();
        using var request = Get(grant);
        request.Headers.Range = new RangeHeaderValue();
        request.Headers.Range.Ranges.Add(new RangeItemHeaderValue(0, 99));
        request.Headers.Range.Ranges.Add(new RangeItemHeaderValue(150_000, 150_499));
        request.Headers.Range.Ranges.Add(new RangeItemHeaderValue(null, 10));

        using var response = await http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("multipart/byteranges", response.Content.Headers.ContentType?.MediaType);
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        var reader = new Microsoft.AspNetCore.WebUtilities.MultipartReader(boundary, await response.Content.ReadAsStreamAsync(Cancel));
        var parts = new List<(string Range, byte[] Bytes)>();
        while (await reader.ReadNextSectionAsync(Cancel) is { } section)
        {
            using var copy = new MemoryStream();
            await section.Body.CopyToAsync(copy, Cancel);
            parts.Add((section.Headers!["Content-Range"].ToString(), copy.ToArray()));
        }

        Assert.Equal(["bytes 0-99/200000", "bytes 150000-150499/200000", "bytes 199990-199999/200000"], parts.Select(p => p.Range));
        Assert.Equal(PatternStream.Expected(0, 100), parts[0].Bytes);
        Assert.Equal(PatternStream.Expected(150_000, 500), parts[1].Bytes);
        Assert.Equal(PatternStream.Expected(199_990, 10), parts[2].Bytes);
    }

    [Fact]
    public async Task If_Range_with_a_stale_ETag_answers_the_whole_file_and_a_current_one_the_range()
    {
        var file = await MediumFileAsync("if-range", size: 30_000);
        var grant = await fixture.GrantAsync(file);
        using var http = fixture.CreateClient();
        using var stale = Get(grant, 1000);
        stale.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"0000\""));
        using var current = Get(grant, 1000);
        current.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{file.Sha256}\""));

        using var whole = await http.SendAsync(stale, Cancel);
        using var partial = await http.SendAsync(current, Cancel);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(file.Sha256, Sha256(await whole.Content.ReadAsByteArrayAsync(Cancel)));
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(29_000, (await partial.Content.ReadAsByteArrayAsync(Cancel)).Length);
    }

    [Fact]
    public async Task A_revoke_stops_the_next_range_request_of_a_download_in_progress()
    {
        var file = await MediumFileAsync("revoke");
        var grant = await fixture.GrantAsync(file);
        using var http = fixture.CreateClient();
        var first = await BytesAsync(http, Get(grant, 0, 1024 * 1024 - 1));

        await fixture.ExecuteAsync("UPDATE download_access SET revoked_at = now(), revoked_reason = 'refund' WHERE id = @id", ("id", grant.AccessId));
        using var next = await http.SendAsync(Get(grant, first.Length, 2 * 1024 * 1024 - 1), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        await ProblemAssert.IsProblemAsync(next, DownloadProblemTypes.Revoked);
    }

    [Fact]
    public async Task Content_disposition_names_the_original_file_with_an_ASCII_fallback_and_UTF_8()
    {
        var file = await MediumFileAsync("name", size: 1000, fileName: "Übung café.pdf");
        var grant = await fixture.GrantAsync(file);
        using var http = fixture.CreateClient();

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, grant.Path), Cancel);
        var disposition = response.Content.Headers.GetValues("Content-Disposition").Single();

        Assert.StartsWith("attachment", disposition, StringComparison.Ordinal);
        Assert.Contains("filename=\"_bung caf_.pdf\"", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''%C3%9Cbung%20caf%C3%A9.pdf", disposition, StringComparison.Ordinal);
    }

    private async Task<SeededFile> MediumFileAsync(string name, long size = MediumSize, string? fileName = null)
    {
        var tenant = await fixture.CreateTenantAsync("downloads-" + name);
        return await fixture.SeedPatternFileAsync(tenant, size, fileName ?? name + ".zip");
    }
}
