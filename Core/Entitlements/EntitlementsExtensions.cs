using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Entitlements;

public static class EntitlementsExtensions
{
    /// <summary>The entitlement services shared by Api, Worker, DeliveryWorker and Web.</summary>
    public static IHostApplicationBuilder AddEntitlements(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EntitlementOptions>().BindConfiguration(EntitlementOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DownloadLinks>();
        builder.Services.AddScoped<EntitlementGrants>();
        builder.Services.AddScoped<OrderAccessRevocation>();
        return builder;
    }
}
