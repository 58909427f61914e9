using System.Text.Json.Serialization;

namespace DigitalDelivery.Tests.Operations;

[JsonSerializable(typeof(ScanProbeMessage))]
[JsonSerializable(typeof(DeliveryProbeMessage))]
[JsonSerializable(typeof(WaitingProbeMessage))]
internal sealed partial class OperationsMessagesJson : JsonSerializerContext;
