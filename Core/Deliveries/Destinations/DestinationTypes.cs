namespace DigitalDelivery.Core.Deliveries.Destinations;

public static class DestinationTypes
{
    public const string Webhook = "webhook";
}
