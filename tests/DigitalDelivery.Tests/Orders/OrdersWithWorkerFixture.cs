extern alias worker;

using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DigitalDelivery.Tests.Orders;

/// <summary>The Api with a one-second reservation window, and Worker on the same database to expire orders.</summary>
public sealed class OrdersWithWorkerFixture(LocalInfrastructure infrastructure) : OrdersApiFixture(infrastructure)
{
    private WebApplicationFactory<worker::Program>? worker;

    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
        ["Orders:ReservationWindow"] = "00:00:01",
    };

    public async Task StartWorkerAsync()
    {
        worker ??= new ServiceFactory<worker::Program>(AppHostSettings.For(Infrastructure, ConnectionString));
        _ = worker.Services;
        await Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
