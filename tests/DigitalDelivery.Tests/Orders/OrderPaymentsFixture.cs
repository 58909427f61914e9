extern alias api;

using System.Net.Http.Headers;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Orders;

/// <summary>
/// The Api with the sandbox processor enabled. It has no socket in tests, so its payment client and the
/// sandbox's webhook client both go through its own test server, as they would over HTTP in the local stack.
/// </summary>
public class OrderPaymentsFixture(LocalInfrastructure infrastructure) : OrdersApiFixture(infrastructure), IAsyncLifetime
{
    public const string WebhookSecret = "whsec_orders_tests_c2VjcmV0LWZvci1vcmRlcnM";

    private WebApplicationFactory<api::Program>? payments;

    /// <summary>The fixture's own Blob container, shared by its Api and Worker.</summary>
    public string Container { get; } = $"orders-{Guid.NewGuid():N}"[..24];

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"ConnectionStrings:{ConnectionNames.Blobs}"] = Infrastructure.Azurite.ConnectionString,
        ["Catalog:Container"] = Container,
        ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
        ["Payments:Sandbox:Enabled"] = "true",
        ["Payments:Sandbox:WebhookSecret"] = WebhookSecret,

        // Webhooks a test held back (WebhookGate) are retried soon after it lets them go.
        ["Payments:Sandbox:WebhookPollInterval"] = "00:00:00.200",
        ["Payments:Sandbox:WebhookRetryBaseDelay"] = "00:00:00.200",
        ["Payments:Sandbox:WebhookMaxRetryDelay"] = "00:00:01",
        ["Payments:Sandbox:WebhookMaxAttempts"] = "1000",
        ["Payments:Provider:BaseAddress"] = "http://localhost/",
    };

    /// <summary>Lets a test hold back the processor's webhooks of one type.</summary>
    public WebhookGate Webhooks { get; } = new();

    public WebApplicationFactory<api::Program> Payments => payments ??= Factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
    {
        services.AddHttpClient(PaymentsExtensions.ProviderHttpClient)
            .ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler());
        services.AddHttpClient(api::DigitalDelivery.Api.PaymentSandbox.PaymentSandboxExtensions.WebhookHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => Webhooks.CreateHandler(((TestServer)provider.GetRequiredService<IServer>()).CreateHandler()));
    }));

    public async Task<HttpClient> ClientAsync(TestTenant tenant)
    {
        var http = Payments.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await tenant.GetTokenAsync(http));
        return http;
    }

    public override async ValueTask DisposeAsync()
    {
        if (payments is not null)
        {
            await payments.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
