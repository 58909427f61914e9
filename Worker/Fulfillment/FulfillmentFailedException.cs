namespace DigitalDelivery.Worker.Fulfillment;

/// <summary>A fulfillment step that cannot succeed as things stand (an empty key pool); the message is retried.</summary>
internal sealed class FulfillmentFailedException(string message) : Exception(message);
