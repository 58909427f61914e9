using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Fulfillment.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderFulfillmentRequested))]
[JsonSerializable(typeof(OrderAccessDeliveryRequested))]
internal sealed partial class FulfillmentMessagesJson : JsonSerializerContext;
