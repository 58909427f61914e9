using DigitalDelivery.Core.Deliveries;

namespace DigitalDelivery.Api.Destinations;

public static class DestinationsSetup
{
    /// <summary>Destinations and deliveries: the Api's connection test sends webhooks itself.</summary>
    public static IHostApplicationBuilder AddApiDestinations(this IHostApplicationBuilder builder) =>
        builder.AddWebhookSender().AddMerchantEvents();
}
