using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DigitalDelivery.Core.Messaging.Contracts;

/// <summary>Serialises through the contract owner's source-generated metadata: no reflection on the hot path.</summary>
internal sealed class MessageType<TMessage>(string name, string queue, JsonTypeInfo<TMessage> typeInfo)
    : MessageType(name, queue, typeof(TMessage))
    where TMessage : class
{
    public string Serialize(TMessage message) => JsonSerializer.Serialize(message, typeInfo);

    public TMessage Deserialize(string payload) =>
        JsonSerializer.Deserialize(payload, typeInfo)
        ?? throw new JsonException($"The payload of a '{Name}' message is null.");
}
