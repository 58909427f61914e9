extern alias worker;

using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Orders;

/// <summary>The Api with the sandbox, and Worker on the same database calling the sandbox through the Api's test server.</summary>
public class OrderSagaFixture(LocalInfrastructure infrastructure) : OrderPaymentsFixture(infrastructure)
{
    private WebApplicationFactory<worker::Program>? worker;

    public void StartWorker()
    {
        worker ??= CreateWorker();
        _ = worker.Services;
    }

    /// <summary>A Worker of the test's own (not started until its Services are read), with extra service registrations.</summary>
    public WebApplicationFactory<worker::Program> CreateWorker(Action<IServiceCollection>? configure = null) =>
        new WebApplicationFactory<worker::Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in AppHostSettings.For(Infrastructure, ConnectionString))
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("Payments:Provider:BaseAddress", "http://localhost/");
            web.UseSetting("Catalog:Container", Container);
            web.ConfigureTestServices(services =>
            {
                services.AddHttpClient(PaymentsExtensions.ProviderHttpClient)
                    .ConfigurePrimaryHttpMessageHandler(() => Payments.Server.CreateHandler());
                configure?.Invoke(services);
            });
        });

    public override async ValueTask DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
