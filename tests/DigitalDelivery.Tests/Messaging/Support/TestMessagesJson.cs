using System.Text.Json.Serialization;

namespace DigitalDelivery.Tests.Messaging.Support;

[JsonSerializable(typeof(TestMessage))]
[JsonSerializable(typeof(OtherTestMessage))]
internal sealed partial class TestMessagesJson : JsonSerializerContext;
