namespace DigitalDelivery.Worker.Fulfillment;

/// <summary>What fulfilling an order did, and where its products' delivery configuration says to announce it.</summary>
internal sealed record FulfillmentOutcome(int EntitlementsGranted, int KeysAssigned, IReadOnlyList<string> Destinations);
