extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Messaging.Support;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.Operations;

/// <summary>/api/v1/platform/dead-letters: a platform operator lists, inspects, replays and purges dead letters.</summary>
[Collection(nameof(OperationsRunTogether))]
public sealed class DeadLetterEndpointTests(OperationsFixture fixture)
{
    private const string Path = "/api/v1/platform/dead-letters";

    [Fact]
    public async Task Dead_letters_are_listed_by_queue_type_and_time_and_paged_with_an_opaque_cursor()
    {
        using var platform = await fixture.PlatformClientAsync();
        var since = Since();
        var scans = await fixture.DeadLettersAsync([.. Enumerable.Range(1, 5).Select(_ => new ScanProbeMessage(NewEmail()))]);
        var deliveries = await fixture.DeadLettersAsync(new DeliveryProbeMessage(NewEmail()), new DeliveryProbeMessage(NewEmail()));

        var scanPages = await OperationsFixture.ListAllAsync(platform, $"queue={QueueNames.FileScans}&from={since}", limit: 2);
        var deliveryType = await OperationsFixture.ListAllAsync(platform, $"message_type={OperationsFixture.DeliveryProbe}&from={since}", limit: 50);
        var everything = await OperationsFixture.ListAllAsync(platform, $"from={since}", limit: 3);

        Assert.Equal(scans.Order(), scanPages.Select(Id).Order());
        Assert.All(scanPages, l => Assert.Equal(OperationsFixture.ScanProbe, l.GetProperty("message_type").GetString()));
        Assert.Equal(deliveries.Order(), deliveryType.Select(Id).Order());
        Assert.Equal(scans.Concat(deliveries).Order(), everything.Select(Id).Order());
        var times = everything.Select(l => l.GetProperty("dead_lettered_at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);

        var first = everything[0];
        Assert.Equal(1, first.GetProperty("attempts").GetInt32());
        Assert.StartsWith("System.InvalidOperationException: The probe fails", first.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        var firstAt = Uri.EscapeDataString(first.GetProperty("dead_lettered_at").GetDateTimeOffset().ToString("O"));
        Assert.Empty(await OperationsFixture.ListAllAsync(platform, $"from={since}&to={firstAt}", limit: 10));
    }

    [Fact]
    public async Task A_dead_letter_shows_its_payload_and_every_failed_attempt()
    {
        using var platform = await fixture.PlatformClientAsync();
        var email = NewEmail();
        var id = (await fixture.DeadLettersAsync(new ScanProbeMessage(email))).Single();

        var letter = await platform.GetFromJsonAsync<JsonElement>(new Uri($"{Path}/{id}", UriKind.Relative), Ct);

        Assert.Equal(id, letter.GetProperty("id").GetGuid());
        Assert.Equal(QueueNames.FileScans, letter.GetProperty("queue").GetString());
        Assert.Equal(OperationsFixture.ScanProbe, letter.GetProperty("message_type").GetString());
        Assert.Equal(email, letter.GetProperty("payload").GetProperty("CustomerEmail").GetString());
        Assert.Equal(1, letter.GetProperty("attempts").GetInt32());
        var attempt = Assert.Single(letter.GetProperty("history").EnumerateArray());
        Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
        Assert.Contains("The probe fails until the test heals it.", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(attempt.GetProperty("failed_at").GetDateTimeOffset() <= letter.GetProperty("dead_lettered_at").GetDateTimeOffset());
        Assert.Equal(id, letter.GetProperty("correlation_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("dedupe_key").ValueKind);

        using var unknown = await platform.GetAsync(new Uri($"{Path}/{Guid.NewGuid()}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Replaying_a_dead_letter_puts_it_back_on_its_queue()
    {
        using var platform = await fixture.PlatformClientAsync();
        var email = NewEmail();
        var id = (await fixture.DeadLettersAsync(new ScanProbeMessage(email))).Single();
        fixture.Probe.Heal(email);

        using var replay = await platform.PostAsync(new Uri($"{Path}/{id}/replay", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        await Eventually.WaitUntilAsync(() => fixture.Probe.Handled.Contains(email), what: "the replayed message to run");
        using var gone = await platform.GetAsync(new Uri($"{Path}/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var again = await platform.PostAsync(new Uri($"{Path}/{id}/replay", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await ProblemAssert.IsProblemAsync(again, ProblemTypes.NotFound);
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'dead_letter.replayed' AND entity_id = @id", ("id", id.ToString())));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE summary LIKE @email", ("email", $"%{email}%")));
    }

    [Fact]
    public async Task Replaying_a_dead_letter_whose_dedupe_key_is_unfinished_is_a_409_and_it_stays()
    {
        using var platform = await fixture.PlatformClientAsync();
        var key = $"dedupe-{Guid.NewGuid():N}";
        var id = Guid.CreateVersion7();
        await fixture.EnqueueAsync((new ScanProbeMessage(NewEmail()), new EnqueueOptions { MessageId = id, DedupeKey = key }));
        await Eventually.WaitUntilAsync(
            async () => await fixture.ScalarAsync<long>("SELECT count(*) FROM messaging_dead_letters WHERE id = @id", ("id", id)) == 1,
            what: "the dead letter");
        await fixture.EnqueueAsync((new ScanProbeMessage(NewEmail()), new EnqueueOptions { DedupeKey = key, NotBefore = DateTimeOffset.UtcNow.AddDays(1) }));

        using var replay = await platform.PostAsync(new Uri($"{Path}/{id}/replay", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        await ProblemAssert.IsProblemAsync(replay, ProblemTypes.DedupeKeyPending);
        using var still = await platform.GetAsync(new Uri($"{Path}/{id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        using var unknown = await platform.PostAsync(new Uri($"{Path}/{Guid.NewGuid()}/replay", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Replaying_by_filter_puts_back_only_the_matching_letters_and_counts_them()
    {
        using var platform = await fixture.PlatformClientAsync();
        var since = DateTimeOffset.UtcNow;
        var emails = Enumerable.Range(1, 3).Select(_ => NewEmail()).ToArray();
        await fixture.DeadLettersAsync([.. emails.Select(e => new ScanProbeMessage(e))]);
        var delivery = (await fixture.DeadLettersAsync(new DeliveryProbeMessage(NewEmail()))).Single();
        fixture.Probe.Heal(emails);

        using var replay = await platform.PostAsJsonAsync($"{Path}/replay", new { queue = QueueNames.FileScans, from = since.ToString("O") }, Ct);

        var body = await replay.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(3, body.GetProperty("replayed").GetInt32());
        await Eventually.WaitUntilAsync(() => emails.All(fixture.Probe.Handled.Contains), what: "the three replayed messages to run");
        var left = await OperationsFixture.ListAllAsync(platform, $"from={Uri.EscapeDataString(since.ToString("O"))}", limit: 50);
        Assert.Equal([delivery], left.Select(Id));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'dead_letters.replayed' AND summary LIKE '%replayed=3'"));
    }

    [Fact]
    public async Task Purging_deletes_one_letter_or_the_matching_ones_and_all_only_when_asked()
    {
        using var platform = await fixture.PlatformClientAsync();
        var since = Since();
        var scans = await fixture.DeadLettersAsync(new ScanProbeMessage(NewEmail()), new ScanProbeMessage(NewEmail()), new ScanProbeMessage(NewEmail()));
        var delivery = (await fixture.DeadLettersAsync(new DeliveryProbeMessage(NewEmail()))).Single();

        using (var purgeOne = await platform.DeleteAsync(new Uri($"{Path}/{scans[0]}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, purgeOne.StatusCode);
        }

        using (var purgeAgain = await platform.DeleteAsync(new Uri($"{Path}/{scans[0]}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, purgeAgain.StatusCode);
            await ProblemAssert.IsProblemAsync(purgeAgain, ProblemTypes.NotFound);
        }

        var byFilter = await PostAsync(platform, $"{Path}/purge", $$"""{"queue":"{{QueueNames.FileScans}}","message_type":"{{OperationsFixture.ScanProbe}}","from":"{{Uri.UnescapeDataString(since)}}"}""");
        Assert.Equal(HttpStatusCode.OK, byFilter.Status);
        Assert.Equal(2, byFilter.Body.GetProperty("purged").GetInt32());
        Assert.Equal([delivery], (await OperationsFixture.ListAllAsync(platform, $"from={since}", limit: 50)).Select(Id));

        var all = await PostAsync(platform, $"{Path}/purge", """{"all":true}""");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.True(all.Body.GetProperty("purged").GetInt32() >= 1);
        Assert.Empty(await OperationsFixture.ListAllAsync(platform, "from=2000-01-01T00:00:00Z", limit: 500));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM messaging_dead_letters"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'dead_letter.purged' AND entity_id = @id", ("id", scans[0].ToString())));
    }

    [Theory]
    [InlineData("purge", "{}")]
    [InlineData("purge", """{"all":false}""")]
    [InlineData("replay", "{}")]
    public async Task A_bulk_operation_without_a_filter_or_all_is_refused_and_changes_nothing(string operation, string body)
    {
        using var platform = await fixture.PlatformClientAsync();
        var id = (await fixture.DeadLettersAsync(new DeliveryProbeMessage(NewEmail()))).Single();

        var refused = await PostAsync(platform, $"{Path}/{operation}", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(ProblemTypes.Validation, refused.Body.GetProperty("type").GetString());
        Assert.True(refused.Body.GetProperty("errors").TryGetProperty("all", out _));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM messaging_dead_letters WHERE id = @id", ("id", id)));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=not-a-value", "after")]
    [InlineData("after=-1", "after")]
    [InlineData("after=%00", "after")]
    [InlineData("after=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "after")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45T00:00:00Z", "to")]
    [InlineData("from=12%2F03%2F2026", "from")]
    [InlineData("from=2026-12-03T10:00:00Z&to=2026-12-02T10:00:00Z", "to")]
    [InlineData("queue=no-such-queue", "queue")]
    [InlineData("message_type=%00", "message_type")]
    [InlineData("message_type=invoice%E2%80%AEfdp", "message_type")]
    public async Task A_bad_list_query_is_a_400_naming_the_field(string query, string field)
    {
        using var platform = await fixture.PlatformClientAsync();

        using var response = await platform.GetAsync(new Uri($"{Path}?{query}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Theory]
    [InlineData("purge", """{"queue":"no-such-queue"}""", "queue")]
    [InlineData("purge", """{"from":"soon"}""", "from")]
    [InlineData("purge", """{"queue":"delivery","all":true}""", "all")]
    [InlineData("purge", """{"to":"2000-01-01"}""", null)]
    [InlineData("replay", """{"from":"2026-12-04T00:00:00Z","to":"2026-12-03T00:00:00Z"}""", "to")]
    public async Task A_bad_bulk_filter_is_a_400_naming_the_field(string operation, string body, string? field)
    {
        using var platform = await fixture.PlatformClientAsync();

        var response = await PostAsync(platform, $"{Path}/{operation}", body);

        if (field is null)
        {
            // A date alone is a valid ISO 8601 time (midnight UTC): accepted, and nothing died that long ago.
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(0, response.Body.GetProperty("purged").GetInt32());
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(ProblemTypes.Validation, response.Body.GetProperty("type").GetString());
        Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task A_tenant_client_without_the_platform_scope_gets_403_everywhere()
    {
        var merchant = await fixture.CreateTenantAsync("no-platform");
        using var http = await merchant.AuthorizedClientAsync(fixture.Factory);
        var id = (await fixture.DeadLettersAsync(new DeliveryProbeMessage(NewEmail()))).Single();

        using var queues = await http.GetAsync(new Uri("/api/v1/platform/queues", UriKind.Relative), Ct);
        using var list = await http.GetAsync(new Uri(Path, UriKind.Relative), Ct);
        using var get = await http.GetAsync(new Uri($"{Path}/{id}", UriKind.Relative), Ct);
        using var replay = await http.PostAsync(new Uri($"{Path}/{id}/replay", UriKind.Relative), null, Ct);
        using var delete = await http.DeleteAsync(new Uri($"{Path}/{id}", UriKind.Relative), Ct);
        using var purge = await http.PostAsJsonAsync($"{Path}/purge", new { all = true }, Ct);

        foreach (var response in new[] { queues, list, get, replay, delete, purge })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            await ProblemAssert.IsProblemAsync(response, ProblemTypes.Forbidden);
        }

        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM messaging_dead_letters WHERE id = @id", ("id", id)));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    /// <summary>Now, for a <c>from</c> that keeps the letters of earlier tests out of a list; escaped for a query string.</summary>
    private static string Since() => Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));

    private static Guid Id(JsonElement letter) => letter.GetProperty("id").GetGuid();

    private static string NewEmail() => $"buyer-{Guid.NewGuid():N}@customers.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
