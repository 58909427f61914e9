using System.Security.Cryptography;
using DigitalDelivery.Core.Payments.Sandbox;
using DigitalDelivery.Core.Payments.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;

namespace DigitalDelivery.Core.Payments;

public static class PaymentsExtensions
{
    /// <summary>Name of the HttpClient the payment provider uses (its own resilience handler, not the standard one).</summary>
    public const string ProviderHttpClient = "payments-provider";

    /// <summary>
    /// Registers the payment port (<see cref="IPaymentProvider"/> → <see cref="SandboxPaymentProvider"/>), the
    /// webhook verifier, the event-id dedupe store and inbox, and a logging <see cref="IPaymentEventHandler"/> that
    /// the orders feature replaces. Needs AddDeliveryDatabase for the inbox.
    /// </summary>
    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<PaymentProviderOptions>()
            .BindConfiguration(PaymentProviderOptions.Section)
            .Validate(o => o.IsValid(), "Payments:Provider needs an absolute BaseAddress, a Timeout of at most 30 s and at most 3 retries.");

        // ServiceDefaults gives every client the standard resilience handler (30 s total, 3 retries of any request).
        // Payment calls promise 2–3 s for the whole call and idempotent retries only: SandboxPaymentProvider runs
        // their own pipeline around each call, so the standard handler is taken off this client instead of
        // stacking two policies; service discovery stays.
        services.AddResiliencePipeline<string, HttpResponseMessage>(PaymentProviderPipeline.Name, PaymentProviderPipeline.Configure);
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the package's own way to take
        // the standard handler off one client, and the payment tests check the result.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<IPaymentProvider, SandboxPaymentProvider>(ProviderHttpClient, (provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<PaymentProviderOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseAddress, UriKind.Absolute);
                // A backstop only: the pipeline's timeout is the one that applies.
                client.Timeout = options.Timeout + options.Timeout;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        services.AddOptions<PaymentWebhookOptions>().BindConfiguration(PaymentWebhookOptions.Section);
        if (builder.Environment.IsDevelopment())
        {
            // Without a configured secret a development process signs and verifies with one of its own, made once
            // per process (the sandbox and the endpoint share the Api process). Run one Api replica, or set one.
            var ephemeral = new Lazy<string>(() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            services.PostConfigure<PaymentWebhookOptions>(o =>
            {
                if (string.IsNullOrEmpty(o.WebhookSecret))
                {
                    o.WebhookSecret = ephemeral.Value;
                }
            });
        }

        services.TryAddSingleton<PaymentWebhookVerifier>();
        services.TryAddSingleton<ProcessedPaymentEventStore>();
        services.TryAddScoped<PaymentEventInbox>();
        services.TryAddScoped<IPaymentEventHandler, LoggingPaymentEventHandler>();
        return builder;
    }
}
