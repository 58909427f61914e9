extern alias worker;

using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
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
        worker ??= new WebApplicationFactory<worker::Program>().WithWebHostBuilder(web =>
            web.UseSetting($"ConnectionStrings:{ConnectionNames.Database}", ConnectionString));
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
