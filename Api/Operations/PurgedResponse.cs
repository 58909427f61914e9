using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Operations;

/// <summary>How many dead letters were deleted.</summary>
public sealed record PurgedResponse([property: JsonPropertyName("purged")] int Purged);
