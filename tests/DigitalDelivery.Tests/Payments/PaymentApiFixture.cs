extern alias api;

using System.Net.Http.Json;
using api::DigitalDelivery.Api.PaymentSandbox;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Webhooks;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Payments;

/// <summary>
/// One migrated database and one in-process Api (sandbox on, a known webhook secret, a recording event handler)
/// per test class. The sandbox's webhooks reach the same in-process Api through the test server's handler, and
/// <see cref="CreateProviderHost"/> builds what a Worker would have: AddServiceDefaults + AddPayments, with the
/// provider's HttpClient pointed at the in-process Api.
/// </summary>
public sealed class PaymentApiFixture(LocalInfrastructure infrastructure) : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_tests_c2VjcmV0LWZvci10aGUtcGF5bWVudC10ZXN0cw";

    private readonly List<IHost> _providerHosts = [];
    private ServiceFactory<api::Program>? _root;

    public PaymentEventRecorder Events { get; } = new();

    public string ConnectionString { get; private set; } = null!;

    public WebApplicationFactory<api::Program> Api { get; private set; } = null!;

    public IPaymentProvider Provider { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await infrastructure.MigratedDatabaseAsync("payments");
        var settings = AppHostSettings.For(infrastructure, ConnectionString);
        settings["Payments:Sandbox:Enabled"] = "true";
        settings["Payments:Sandbox:WebhookSecret"] = WebhookSecret;
        settings["Payments:Sandbox:HangDelay"] = "00:00:20";
        settings["Payments:Sandbox:WebhookPollInterval"] = "00:00:00.250";
        settings["Payments:Sandbox:WebhookRetryBaseDelay"] = "00:00:00.100";
        _root = new ServiceFactory<api::Program>(settings);
        Api = _root.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton(Events);
            services.AddScoped<IPaymentEventHandler>(provider => provider.GetRequiredService<PaymentEventRecorder>());
            // The Api has no socket in tests; its webhooks to itself go through the test server.
            services.AddHttpClient(PaymentSandboxExtensions.WebhookHttpClientName)
                .ConfigurePrimaryHttpMessageHandler(provider => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler());
        }));
        await WarmUpAsync();
        Provider = CreateProviderHost().Services.GetRequiredService<IPaymentProvider>();
    }

    /// <summary>
    /// One pre-authorisation without a client timeout, so the provider's 2.5 s budget in the tests measures the
    /// processor and not the first request's JIT compilation and connection setup on a busy 2-core machine.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var client = Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SandboxPaymentApi.PreAuthorizationsPath, UriKind.Relative))
        {
            Content = JsonContent.Create(new { amount = 100, currency = "EUR", card_number = SandboxTestCards.Approved, order_reference = "warm-up" }),
        };
        request.Headers.Add(SandboxPaymentApi.IdempotencyKeyHeader, $"warm-up-{Guid.NewGuid():N}");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A host like the Worker's, calling the in-process sandbox; settings override Payments:Provider:*.</summary>
    public IHost CreateProviderHost(IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Payments:Provider:BaseAddress"] = "http://localhost/" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddPayments();
        builder.Services.AddHttpClient(PaymentsExtensions.ProviderHttpClient).ConfigurePrimaryHttpMessageHandler(() => Api.Server.CreateHandler());
        var host = builder.Build();
        _providerHosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _providerHosts)
        {
            host.Dispose();
        }

        if (_root is not null)
        {
            await _root.DisposeAsync();
        }
    }
}
