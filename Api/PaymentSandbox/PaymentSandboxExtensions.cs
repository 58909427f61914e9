using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.PaymentSandbox;

public static class PaymentSandboxExtensions
{
    /// <summary>Name of the HttpClient that delivers the sandbox's webhooks (no resilience handler: the outbox retries).</summary>
    public const string WebhookHttpClientName = "payments-sandbox-webhooks";

    /// <summary>
    /// Registers the sandbox card processor and its webhook sender when Payments:Sandbox:Enabled is true (default:
    /// only in Development). Outside Development an enabled sandbox needs Payments:Sandbox:WebhookSecret.
    /// </summary>
    public static IHostApplicationBuilder AddPaymentSandbox(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!PaymentSandboxOptions.IsEnabled(builder.Configuration, builder.Environment))
        {
            return builder;
        }

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PaymentSandboxOptions>().BindConfiguration(PaymentSandboxOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentSandboxOptions>, PaymentSandboxOptionsValidation>());
        services.AddOptions<PaymentWebhookOptions>()
            .Validate(o => o.Secrets.Count > 0, "The payment sandbox signs its webhooks: set Payments:Sandbox:WebhookSecret.")
            .ValidateOnStart();

        services.AddSingleton<SandboxWebhookSignal>();
        services.AddSingleton<SandboxWebhookTarget>();
        services.AddSingleton<SandboxProcessor>();
        // Retries belong to the outbox (minutes to hours apart), not to a generic in-call retry handler.
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the package's own way to take
        // the standard handler off one client, and the payment tests check the result.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(WebhookHttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<PaymentSandboxOptions>>().Value.WebhookTimeout)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddHostedService<SandboxWebhookDispatcher>();
        return builder;
    }

    /// <summary>Maps /sandbox/payments/v1/... when the sandbox is enabled; otherwise those paths do not exist.</summary>
    public static IEndpointRouteBuilder MapPaymentSandbox(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<SandboxProcessor>() is not null)
        {
            app.MapSandboxPaymentEndpoints();
        }

        return app;
    }
}
