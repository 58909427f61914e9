using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Orders.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderReservationExpiryDue))]
[JsonSerializable(typeof(OrderCaptureRequested))]
internal sealed partial class OrderMessagesJson : JsonSerializerContext;
