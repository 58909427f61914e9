namespace DigitalDelivery.Worker.Fulfillment;

internal sealed record FulfillmentOutcome(int EntitlementsGranted, int KeysAssigned);
