using System.Text.Json.Serialization;
using DigitalDelivery.Core.Messaging.DeadLetters;

namespace DigitalDelivery.Core.Messaging;

/// <summary>The engine's own JSON: the attempt history stored in the errors column.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AttemptRecord))]
[JsonSerializable(typeof(List<AttemptRecord>))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
