using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Entitlements;

public static class EntitlementsExtensions
{
    /// <summary>
    /// The entitlement services shared by Api, Worker and DeliveryWorker (needs AddDeliveryDatabase and
    /// AddDeliveryDataProtection for the license keys): links, expiry notices, the keys of an order, the messages.
    /// </summary>
    public static IHostApplicationBuilder AddEntitlements(this IHostApplicationBuilder builder)
    {
        // Idempotent: fulfillment, customer access and DeliveryWorker each call it.
        builder.Services.AddOptions<EntitlementOptions>().BindConfiguration(EntitlementOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<DownloadLinks>();
        builder.Services.TryAddScoped<EntitlementGrants>();
        builder.Services.TryAddScoped<OrderAccessRevocation>();
        builder.Services.TryAddScoped<ExpiryNotices>();
        builder.Services.TryAddSingleton<LicenseKeyCodec>();
        builder.Services.TryAddScoped<OrderLicenseKeys>();
        builder.AddMessaging(messaging => messaging.AddEntitlementMessages());
        return builder;
    }
}
