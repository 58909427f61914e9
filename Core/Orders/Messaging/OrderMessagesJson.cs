using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Orders.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderReservationExpiryDue))]
internal sealed partial class OrderMessagesJson : JsonSerializerContext;
