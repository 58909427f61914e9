using System.Text.Json.Serialization;

namespace DigitalDelivery.Bench.Queue;

[JsonSerializable(typeof(BenchMessage))]
[JsonSerializable(typeof(TransactionalBenchMessage))]
internal sealed partial class BenchMessagesJson : JsonSerializerContext;
