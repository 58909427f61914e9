extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using api::DigitalDelivery.Api.PaymentSandbox;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Webhooks;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Payments;

/// <summary>What is switched on where, and which resilience policy the payment clients really get.</summary>
public sealed class PaymentConfigurationTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outside_development_the_sandbox_is_off_unless_enabled()
    {
        var database = await infrastructure.MigratedDatabaseAsync("payments_production");
        await using var factory = new ServiceFactory<api::Program>(AppHostSettings.For(infrastructure, database), "Production");
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(
            new Uri(SandboxPaymentApi.PreAuthorizationsPath, UriKind.Relative),
            new { amount = 100, currency = "EUR", card_number = SandboxTestCards.Approved, order_reference = "o" },
            Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_webhook_secret_deliveries_are_answered_503_so_the_processor_retries()
    {
        var database = await infrastructure.MigratedDatabaseAsync("payments_no_secret");
        await using var factory = new ServiceFactory<api::Program>(AppHostSettings.For(infrastructure, database), "Production");
        using var client = factory.CreateClient();
        var body = PaymentEvents.Body(PaymentEvents.Captured());
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation(PaymentWebhookSignature.HeaderName, PaymentEvents.Sign(body, DateTimeOffset.UtcNow, "whsec_anything"));

        using var response = await client.PostAsync(new Uri("/api/v1/payments/webhooks/sandbox", UriKind.Relative), content, Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal("https://digitaldelivery.dev/problems/payment-webhooks-not-configured", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_enabled_sandbox_outside_development_refuses_to_start_without_a_webhook_secret()
    {
        var database = await infrastructure.MigratedDatabaseAsync("payments_enabled_no_secret");
        var settings = AppHostSettings.For(infrastructure, database);
        settings["Payments:Sandbox:Enabled"] = "true";
        await using var factory = new ServiceFactory<api::Program>(settings, "Production");

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("WebhookSecret", failure.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, int> Attempts => new()
    {
        // client, what every attempt answers, attempts made
        { PaymentsExtensions.ProviderHttpClient, HttpStatusCode.ServiceUnavailable, 1 },
        { PaymentSandboxExtensions.WebhookHttpClientName, HttpStatusCode.ServiceUnavailable, 1 },
        { "some-other-client", HttpStatusCode.ServiceUnavailable, 4 },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task The_payment_clients_have_no_standard_resilience_handler_and_every_other_client_has_it(
        string clientName, HttpStatusCode answer, int expectedAttempts)
    {
        var processor = new CountingHandler(answer);
        using var host = PaymentHost(clientName, processor);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);

        using var content = new ByteArrayContent("{}"u8.ToArray());
        using var response = await client.PostAsync(new Uri("http://127.0.0.1:9/anything"), content, Cancellation);

        Assert.Equal(answer, response.StatusCode);
        Assert.Equal(expectedAttempts, processor.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, 2)]
    [InlineData(HttpStatusCode.InternalServerError, 1)]
    public async Task The_payment_provider_retries_only_gateway_failures_and_only_once(HttpStatusCode answer, int expectedAttempts)
    {
        var processor = new CountingHandler(answer);
        using var host = PaymentHost(PaymentsExtensions.ProviderHttpClient, processor);
        var provider = host.Services.GetRequiredService<IPaymentProvider>();

        var failure = await Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => provider.PreAuthorizeAsync(
            new PreAuthorizationRequest(new Money(100, "EUR"), SandboxTestCards.Approved, "o", $"key-{Guid.NewGuid():N}"), Cancellation));

        Assert.Equal(PaymentProviderUnavailableReason.ProcessorError, failure.Reason);
        Assert.Equal(expectedAttempts, processor.Attempts);
    }

    // A Development host with the payment clients and the sandbox, whose named client answers from the handler.
    private static IHost PaymentHost(string clientName, CountingHandler processor)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Sandbox:Enabled"] = "true",
            ["Payments:Provider:BaseAddress"] = "http://127.0.0.1:9/",
            // The standard handler's options bind from HttpResilience; short delays keep the test quick.
            ["HttpResilience:Retry:Delay"] = "00:00:00.010",
            ["Payments:Provider:RetryDelay"] = "00:00:00.010",
        });
        builder.AddServiceDefaults();
        builder.AddPayments();
        builder.AddPaymentSandbox();
        builder.Services.AddHttpClient(clientName).ConfigurePrimaryHttpMessageHandler(() => processor);
        return builder.Build();
    }

    [Fact]
    public void In_development_without_a_configured_secret_the_process_makes_one_that_signer_and_verifier_share()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        builder.AddPayments();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PaymentWebhookOptions>>().Value;
        var again = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<PaymentWebhookOptions>>().CurrentValue;

        Assert.StartsWith("whsec_", options.WebhookSecret, StringComparison.Ordinal);
        Assert.Equal(options.WebhookSecret, again.WebhookSecret);
    }

    private sealed class CountingHandler(HttpStatusCode answer) : HttpMessageHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            return Task.FromResult(new HttpResponseMessage(answer));
        }
    }
}
