using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Orders.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderReservationExpiryDue))]
[JsonSerializable(typeof(OrderCaptureRequested))]
[JsonSerializable(typeof(OrderAuthorizationVoidRequested))]
internal sealed partial class OrderMessagesJson : JsonSerializerContext;
