using DigitalDelivery.Api.Deliveries;
using DigitalDelivery.Core.Deliveries;

namespace DigitalDelivery.Api.Destinations;

public static class DestinationsSetup
{
    /// <summary>Destinations and deliveries: the Api validates settings and tests connections with the handlers themselves.</summary>
    public static IHostApplicationBuilder AddApiDestinations(this IHostApplicationBuilder builder)
    {
        builder.AddDestinationHandlers().AddMerchantEvents();
        builder.Services.AddScoped<DeliverySubmission>();
        return builder;
    }
}
