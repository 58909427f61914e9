using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Deliveries.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MerchantEventRaised))]
[JsonSerializable(typeof(DeliveryAttemptDue))]
internal sealed partial class DeliveryMessagesJson : JsonSerializerContext;
