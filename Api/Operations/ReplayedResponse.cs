using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Operations;

/// <summary>How many dead letters went back on their queues (letters whose dedupe key is taken again stay behind).</summary>
public sealed record ReplayedResponse([property: JsonPropertyName("replayed")] int Replayed);
