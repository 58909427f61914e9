using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using Microsoft.Extensions.DependencyInjection;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>
/// Expiry notices: scheduled with NotBefore = expiry - lead (3 days). An expiry one day away is due at once, which
/// drives the scheduled path without waiting; the handler re-checks before mailing.
/// </summary>
public sealed class ExpiryNoticeTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Fact]
    public async Task An_expiry_notice_is_mailed_once_for_a_notify_entitlement()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("expiry-notice");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed
        {
            NotifyOnExpiry = true, ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        var access = await fixture.ReadAccessAsync(order.AccessId);

        var scheduled = false;
        await fixture.InTenantScopeAsync(order.OrganizationId, async services =>
            scheduled = await services.GetRequiredService<ExpiryNotices>().ScheduleAsync(access, Ct));
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);
        await fixture.WaitForDeliveryQueueToDrainAsync();
        // Scheduling again for the same expiry (fulfillment re-run) must not mail again.
        await fixture.InTenantScopeAsync(order.OrganizationId, services =>
            services.GetRequiredService<ExpiryNotices>().ScheduleAsync(access, Ct));
        await fixture.WaitForDeliveryQueueToDrainAsync();

        Assert.True(scheduled);
        Assert.Contains("ends soon", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("The Field Guide (PDF)", mail.TextBody, StringComparison.Ordinal);
        using var http = fixture.Factory.CreateClient();
        await GetJsonAsync(http, $"/api/v1/my/{PageToken(mail.TextBody)}");
        Assert.Single(fixture.Infrastructure.Smtp.MessagesTo(order.Email));
        Assert.NotNull((await fixture.ReadAccessAsync(order.AccessId)).ExpiryNoticeSentAt);
    }

    [Fact]
    public async Task No_expiry_notice_is_mailed_for_a_revoked_entitlement_or_a_stale_expiry()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("expiry-revoked");
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1);
        var revoked = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { NotifyOnExpiry = true, ExpiresAt = expiresAt, Revoked = true });
        var extended = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { NotifyOnExpiry = true, ExpiresAt = expiresAt.AddDays(30) });

        var scheduledRevoked = true;
        await fixture.InTenantScopeAsync(tenant.OrganizationId, async services =>
        {
            scheduledRevoked = await services.GetRequiredService<ExpiryNotices>().ScheduleAsync(await fixture.ReadAccessAsync(revoked.AccessId), Ct);
            // Notices already in the queue when access was revoked or extended: the handler must drop them.
            var outbox = services.GetRequiredService<IMessageOutbox>();
            await outbox.EnqueueAsync(new DownloadAccessExpiryNoticeDue(tenant.OrganizationId, revoked.AccessId, expiresAt), cancellationToken: Ct);
            await outbox.EnqueueAsync(new DownloadAccessExpiryNoticeDue(tenant.OrganizationId, extended.AccessId, expiresAt), cancellationToken: Ct);
        });
        await fixture.WaitForDeliveryQueueToDrainAsync();

        Assert.False(scheduledRevoked);
        Assert.Empty(fixture.Infrastructure.Smtp.MessagesTo(revoked.Email));
        Assert.Empty(fixture.Infrastructure.Smtp.MessagesTo(extended.Email));
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM messaging_dead_letters WHERE payload::text LIKE '%' || @id || '%'", ("id", revoked.AccessId.ToString())));
    }

    [Fact]
    public async Task Extending_an_entitlement_schedules_a_notice_for_the_new_expiry()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("expiry-extend");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { NotifyOnExpiry = true, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        using var admin = await tenant.AuthorizedClientAsync(fixture.Factory, "downloads:admin");

        // Brought forward to a day from now, inside the 3-day lead: the new notice is due at once.
        using var response = await PostJsonAsync(admin, $"/api/v1/entitlements/{order.AccessId}/extend", new { expires_at = DateTimeOffset.UtcNow.AddDays(1) });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);
        Assert.Contains("ends soon", mail.Subject, StringComparison.Ordinal);
    }
}
