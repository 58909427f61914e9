extern alias deliveryworker;

using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>
/// The Api and DeliveryWorker on one database, with retries in milliseconds (the policy's shape, not its default
/// seconds) and a breaker that opens after three failures, plus a real webhook receiver. Destinations may reach
/// loopback here, because every peer of the tests listens on 127.0.0.1.
/// </summary>
public sealed class DeliveriesFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public const int BreakerThreshold = 3;

    private WebApplicationFactory<deliveryworker::Program>? _deliveryWorker;

    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>DeliveryWorker's services, for the tests that drive a part of it (alert checks) directly.</summary>
    public IServiceProvider DeliveryWorkerServices => _deliveryWorker?.Services ?? throw new InvalidOperationException("Not started.");

    private readonly string _rateLimitPrefix = $"ratelimit:{Guid.NewGuid():N}:";

    // Read when the Api starts (the infrastructure is running by then): the Api mails connection tests itself.
    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:KeyPrefix"] = _rateLimitPrefix,
        ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
        ["Deliveries:Network:AllowPrivateNetworks"] = "true",
        ["ConnectionStrings:smtp"] = Infrastructure.Smtp.ConnectionString,
        // Deliveries may carry catalog files: the Api stores them, DeliveryWorker (AppHostSettings) reads them.
        [$"ConnectionStrings:{DigitalDelivery.Core.Persistence.ConnectionNames.Blobs}"] = Infrastructure.Azurite.ConnectionString,
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        _deliveryWorker = new ServiceFactory<deliveryworker::Program>(new Dictionary<string, string?>(AppHostSettings.For(Infrastructure, ConnectionString))
        {
            ["ConnectionStrings:smtp"] = Infrastructure.Smtp.ConnectionString,
            // Links point at the Api under test; tests request their path from its in-process client.
            ["Deliveries:Links:BaseUrl"] = "http://localhost",
            ["Deliveries:Retry:BaseDelay"] = "00:00:00.050",
            ["Deliveries:Retry:MaxDelay"] = "00:00:00.200",
            ["Deliveries:Breaker:FailureThreshold"] = BreakerThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Deliveries:Breaker:OpenFor"] = "00:10:00",
            // Tests run alert checks themselves, on a clock of their own; the monitor's own ticks stay out of the way.
            ["Deliveries:Alerting:Interval"] = "1.00:00:00",
        });
        _ = _deliveryWorker.Services;
    }

    /// <summary>A new tenant and a client of it holding every tenant scope.</summary>
    public async Task<(HttpClient Http, TestTenant Tenant)> MerchantAsync(string name)
    {
        var tenant = await CreateTenantAsync(name);
        return (await tenant.AuthorizedClientAsync(Factory), tenant);
    }

    /// <summary>Publishes a merchant event as a producer's transaction would (through the outbox).</summary>
    public async Task PublishAsync(Guid organizationId, string type, object data)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DigitalDelivery.Core.Tenancy.TenantContext>().SetOrganization(organizationId);
        await scope.ServiceProvider.GetRequiredService<DigitalDelivery.Core.Deliveries.MerchantEvents>()
            .PublishAsync(organizationId, type, Guid.NewGuid().ToString("N"), data, TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_deliveryWorker is not null)
        {
            await _deliveryWorker.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
