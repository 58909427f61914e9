extern alias api;

using System.Net;
using System.Text.Json;
using DigitalDelivery.Core.Deliveries;
using DigitalDelivery.Tests.Identity;
using Microsoft.Extensions.Time.Testing;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using static DigitalDelivery.Tests.Deliveries.AlertingHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>
/// A real receiver failing and recovering, DeliveryWorker's engine recording the attempts and its breaker, and alert
/// checks on a clock the test moves (escalation, cooldown and automatic disabling are hours; nothing here waits them).
/// Alerts go through the engine to a second path of the receiver subscribed to alert.*.
/// </summary>
public sealed class DestinationHealthAndAlertTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    [Fact]
    public async Task A_failing_webhook_turns_degraded_then_unhealthy_and_its_one_alert_escalates_resolves_and_cools_down()
    {
        var (http, tenant) = await fixture.MerchantAsync("health");
        var prefix = $"/{Guid.NewGuid():N}";
        var (failingPath, alertsPath, everythingPath) = ($"{prefix}/failing", $"{prefix}/alerts", $"{prefix}/everything");
        // One attempt per event, so each event is one failure the test can count; it also asks for alerts, which it
        // must never get about itself.
        var failing = await CreateWebhookAsync(fixture, http, failingPath, [Event, "alert.*"], maxAttempts: 1);
        await CreateWebhookAsync(fixture, http, alertsPath, ["alert.*"]);
        var everything = await CreateWebhookAsync(fixture, http, everythingPath, ["*"]);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Assert.Equal("healthy", (await HealthAsync(http, failing)).GetProperty("status").GetString());

        fixture.Receiver.Script(failingPath, [.. Enumerable.Repeat(new WebhookReceiver.Answer(500), 50)]);
        await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, failing, "failed", 1);
        var degraded = await HealthAsync(http, failing);
        Assert.Equal("degraded", degraded.GetProperty("status").GetString());
        Assert.Equal(1, degraded.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal(JsonValueKind.String, degraded.GetProperty("failing_since").ValueKind);
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);

        await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, failing, "failed", 2);
        await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, failing, "failed", 3);
        var unhealthy = await HealthAsync(http, failing);
        Assert.Equal("unhealthy", unhealthy.GetProperty("status").GetString());
        Assert.Equal("open", unhealthy.GetProperty("breaker_state").GetString());
        Assert.Equal(3, unhealthy.GetProperty("total_failures").GetInt64());
        Assert.Equal(3, unhealthy.GetProperty("total_deliveries").GetInt64());

        // Checked three times while it stays broken: one alert, announced once.
        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
        var alert = (await GetJsonAsync(http, $"/api/v1/alerts?destination_id={failing}&status=unresolved")).EnumerateArray().Single();
        var alertId = alert.GetProperty("id").GetGuid();
        Assert.Equal("breaker_open", alert.GetProperty("rule").GetString());
        var opened = await WaitForAlertAsync(fixture, alertsPath, MerchantEventTypes.AlertOpened, alertId);
        Assert.Equal(failing, opened.GetProperty("destination_id").GetGuid());
        Assert.Equal("webhook", opened.GetProperty("destination_type").GetString());

        // Nobody acknowledges it: escalated at 1 h, and once per level however often it is checked.
        clock.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Escalated);
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Escalated);
        var escalated = await WaitForAlertAsync(fixture, alertsPath, MerchantEventTypes.AlertEscalated, alertId);
        Assert.Equal(1, escalated.GetProperty("escalation_level").GetInt32());
        // Checks that missed the 4 h mark jump straight to the level that is due.
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Escalated);
        Assert.Equal(3, (await GetJsonAsync(http, $"/api/v1/alerts/{alertId}")).GetProperty("escalation_level").GetInt32());

        // Recovery: the receiver answers 200 and the breaker's open period has passed (set as the engine would find
        // it ten minutes on); three trial deliveries close it.
        fixture.Receiver.Script(failingPath);
        await fixture.ScalarAsync<int>(
            "UPDATE delivery_destinations SET breaker_open_until = now() - interval '1 second' WHERE id = @id RETURNING 1", ("id", failing));
        for (var delivered = 1; delivered <= 3; delivered++)
        {
            await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, failing, "delivered", delivered);
        }

        var recovered = await HealthAsync(http, failing);
        Assert.Equal("healthy", recovered.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("failing_since").ValueKind);
        Assert.Equal(JsonValueKind.String, recovered.GetProperty("last_success_at").ValueKind);
        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Resolved);
        var resolved = await WaitForAlertAsync(fixture, alertsPath, MerchantEventTypes.AlertResolved, alertId);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("resolved_by").ValueKind);

        // Broken again within the hour after the resolution: no new alert until the cooldown is over.
        fixture.Receiver.Script(failingPath, [.. Enumerable.Repeat(new WebhookReceiver.Answer(500), 50)]);
        for (var failed = 4; failed <= 6; failed++)
        {
            await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, failing, "failed", failed);
        }

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
        var reopened = (await GetJsonAsync(http, $"/api/v1/alerts?destination_id={failing}&status=open")).EnumerateArray().Single();
        Assert.NotEqual(alertId, reopened.GetProperty("id").GetGuid());
        await WaitForAlertAsync(fixture, alertsPath, MerchantEventTypes.AlertOpened, reopened.GetProperty("id").GetGuid());

        // Exactly what was announced, in order: opened, escalated (1), escalated (3), resolved, opened again. The
        // broken destination and the catch-all subscriber got none of it.
        var sent = AlertsSent(fixture, alertsPath);
        Assert.Equal(
            [MerchantEventTypes.AlertOpened, MerchantEventTypes.AlertEscalated, MerchantEventTypes.AlertEscalated, MerchantEventTypes.AlertResolved, MerchantEventTypes.AlertOpened],
            sent.Select(s => s.Type));
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM deliveries WHERE destination_id IN (@failing, @everything) AND event_type LIKE 'alert.%'",
            ("failing", failing), ("everything", everything)));
        Assert.Equal(9, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM deliveries WHERE destination_id = @everything AND event_type = @event", ("everything", everything), ("event", Event)));
    }

    [Fact]
    public async Task A_destination_failing_past_the_auto_disable_time_is_disabled_with_a_notice_and_enabling_it_starts_afresh()
    {
        var (http, tenant) = await fixture.MerchantAsync("auto-disable");
        var prefix = $"/{Guid.NewGuid():N}";
        var failing = await CreateWebhookAsync(fixture, http, $"{prefix}/failing", [Event], maxAttempts: 1);
        await CreateWebhookAsync(fixture, http, $"{prefix}/alerts", ["alert.opened"]);
        fixture.Receiver.Script($"{prefix}/failing", new WebhookReceiver.Answer(502));
        await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, failing, "failed", 1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        clock.Advance(TimeSpan.FromHours(71));
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Disabled);
        clock.Advance(TimeSpan.FromHours(1));
        var check = await CheckAsync(fixture, tenant.OrganizationId, clock);
        Assert.Equal((1, 1), (check.Disabled, check.Opened));

        var disabled = await HealthAsync(http, failing);
        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Equal("automatic", disabled.GetProperty("disabled_by").GetString());
        Assert.StartsWith("no attempt succeeded since", disabled.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        var notice = (await GetJsonAsync(http, $"/api/v1/alerts?destination_id={failing}")).EnumerateArray().Single();
        Assert.Equal("auto_disable", notice.GetProperty("rule").GetString());
        await WaitForAlertAsync(fixture, $"{prefix}/alerts", MerchantEventTypes.AlertOpened, notice.GetProperty("id").GetGuid());

        var enabled = await JsonAsync(await PostJsonAsync(http, $"/api/v1/destinations/{failing}/enable"), HttpStatusCode.OK);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabled_at").ValueKind);
        var afresh = await HealthAsync(http, failing);
        Assert.Equal(JsonValueKind.Null, afresh.GetProperty("failing_since").ValueKind);
        // The notice resolves, and the old run of failures does not disable it again.
        check = await CheckAsync(fixture, tenant.OrganizationId, clock);
        Assert.Equal((0, 1), (check.Disabled, check.Resolved));

        var stopped = await JsonAsync(await PostJsonAsync(http, $"/api/v1/destinations/{failing}/disable", new { reason = "merchant migrating endpoints" }), HttpStatusCode.OK);
        Assert.False(stopped.GetProperty("enabled").GetBoolean());
        Assert.Equal("merchant migrating endpoints", stopped.GetProperty("disabled_reason").GetString());
        Assert.StartsWith("client:", stopped.GetProperty("disabled_by").GetString(), StringComparison.Ordinal);
        var audit = await GetJsonAsync(http, "/api/v1/audit-log?limit=20");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "destination.disabled"
            && e.GetProperty("entity_id").GetString() == failing.ToString());
        // An operator's stop is not a failure notice.
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
    }

    [Fact]
    public async Task A_lowered_backlog_threshold_opens_an_organization_alert_that_an_operator_acknowledges_and_resolves()
    {
        var (http, tenant) = await fixture.MerchantAsync("backlog");
        var prefix = $"/{Guid.NewGuid():N}";
        var waiting = await CreateWebhookAsync(fixture, http, $"{prefix}/waiting", [Event]);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var rule = await JsonAsync(await PutJsonAsync(http, "/api/v1/alerts/rules/queue_backlog", new { threshold = 2 }), HttpStatusCode.OK);
        Assert.Equal(2, rule.GetProperty("threshold").GetDouble());
        Assert.Equal(1000, rule.GetProperty("default_threshold").GetDouble());
        // Its breaker open for a while: deliveries wait for it, pending.
        await fixture.ScalarAsync<int>(
            "UPDATE delivery_destinations SET consecutive_failures = 3, breaker_open_until = now() + interval '1 hour' WHERE id = @id RETURNING 1", ("id", waiting));
        await JsonAsync(await PutJsonAsync(http, "/api/v1/alerts/rules/breaker_open", new { enabled = false }), HttpStatusCode.OK);
        for (var pending = 1; pending <= 3; pending++)
        {
            await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, waiting, "pending", pending);
        }

        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Opened);
        var alert = (await GetJsonAsync(http, "/api/v1/alerts?status=open")).EnumerateArray().Single();
        Assert.Equal("queue_backlog", alert.GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("destination_id").ValueKind);
        var id = alert.GetProperty("id").GetGuid();

        var acknowledged = await JsonAsync(await PostJsonAsync(http, $"/api/v1/alerts/{id}/acknowledge"), HttpStatusCode.OK);
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, clock)).Escalated);

        var resolved = await JsonAsync(await PostJsonAsync(http, $"/api/v1/alerts/{id}/resolve"), HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.StartsWith("client:", resolved.GetProperty("resolved_by").GetString(), StringComparison.Ordinal);
        using var again = await PostJsonAsync(http, $"/api/v1/alerts/{id}/acknowledge");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await ProblemAssert.IsProblemAsync(again, ProblemTypes.AlertResolved);

        // Still backlogged, but resolved by hand (on the Api's clock, now): it stays resolved for the cooldown.
        var afterResolution = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Assert.Equal(0, (await CheckAsync(fixture, tenant.OrganizationId, afterResolution)).Opened);
        afterResolution.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await CheckAsync(fixture, tenant.OrganizationId, afterResolution)).Opened);
    }

    [Fact]
    public async Task Alert_rules_start_at_the_seed_defaults_and_reject_thresholds_outside_their_range()
    {
        var (http, _) = await fixture.MerchantAsync("rules");
        var rules = (await GetJsonAsync(http, "/api/v1/alerts/rules")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("threshold").GetDouble());
        Assert.Equal(new Dictionary<string, double>
        {
            ["failure_rate"] = 0.10, ["consecutive_failures"] = 5, ["queue_backlog"] = 1000, ["response_time"] = 30_000, ["breaker_open"] = 0, ["auto_disable"] = 72,
        }, rules);

        foreach (var (name, threshold) in new (string, double)[] { ("failure_rate", 1.5), ("consecutive_failures", 2.5), ("response_time", 10), ("auto_disable", 0) })
        {
            using var response = await PutJsonAsync(http, $"/api/v1/alerts/rules/{name}", new { threshold });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
        }

        using var unknown = await PutJsonAsync(http, "/api/v1/alerts/rules/nonsense", new { threshold = 1 });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(5, (await GetJsonAsync(http, "/api/v1/alerts/rules")).EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "consecutive_failures").GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task Delivery_metrics_count_attempts_by_outcome_and_retry_and_refuse_a_range_over_a_month()
    {
        var (http, tenant) = await fixture.MerchantAsync("metrics");
        var prefix = $"/{Guid.NewGuid():N}";
        var destination = await CreateWebhookAsync(fixture, http, $"{prefix}/flaky", [Event], maxAttempts: 3);
        fixture.Receiver.Script($"{prefix}/flaky", new WebhookReceiver.Answer(500));
        await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, destination, "delivered", 1);
        await PublishAndWaitAsync(fixture, http, tenant.OrganizationId, destination, "delivered", 2);

        var metrics = await GetJsonAsync(http, "/api/v1/deliveries/metrics");
        var total = metrics.GetProperty("total");
        Assert.Equal((3, 2, 1, 1, 0, 1), (
            total.GetProperty("attempts").GetInt64(), total.GetProperty("succeeded").GetInt64(), total.GetProperty("failed").GetInt64(),
            total.GetProperty("failed_with_response").GetInt64(), total.GetProperty("failed_without_response").GetInt64(), total.GetProperty("retries").GetInt64()));
        Assert.Equal(2.0 / 3, total.GetProperty("success_rate").GetDouble(), 6);
        Assert.True(total.GetProperty("latency_ms").GetProperty("p99").GetDouble() >= total.GetProperty("latency_ms").GetProperty("p50").GetDouble());
        var byDestination = metrics.GetProperty("by_destination").EnumerateArray().Single();
        Assert.Equal(destination, byDestination.GetProperty("destination_id").GetGuid());
        Assert.Equal("webhook", metrics.GetProperty("by_type").EnumerateArray().Single().GetProperty("type").GetString());

        var empty = (await GetJsonAsync(http, $"/api/v1/deliveries/metrics?type=email")).GetProperty("total");
        Assert.Equal(0, empty.GetProperty("attempts").GetInt64());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("success_rate").ValueKind);

        foreach (var query in new[] { "from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "type=carrier-pigeon" })
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/deliveries/metrics?{query}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await ProblemAssert.IsProblemAsync(response, ProblemTypes.Validation);
        }
    }

    private static Task<HttpResponseMessage> PutJsonAsync(HttpClient http, string path, object body) =>
        http.PutAsync(new Uri(path, UriKind.Relative), System.Net.Http.Json.JsonContent.Create(body), Ct);
}
