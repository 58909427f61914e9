using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Destinations;

/// <summary>Why an operator stops a destination; kept on it and in the audit log.</summary>
public sealed record DisableDestinationRequest([property: JsonPropertyName("reason")] string? Reason);
