using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>What is delivered: a type (lower-case dotted, e.g. <c>invoice.created</c>), the data, and optional metadata.</summary>
public sealed record DeliveryPayloadRequest(
    [property: JsonPropertyName("type"), Required, StringLength(64, MinimumLength = 3)] string Type,
    [property: JsonPropertyName("data"), Required] JsonElement Data,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata = null);
