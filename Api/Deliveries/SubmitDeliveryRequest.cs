using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// A producer's delivery request: <c>destinations</c> is a list of destination ids, or <c>"default"</c> for every
/// enabled destination subscribed to the payload's type.
/// </summary>
public sealed record SubmitDeliveryRequest(
    [property: JsonPropertyName("destinations"), Required] JsonElement Destinations,
    [property: JsonPropertyName("payload"), Required] DeliveryPayloadRequest Payload,
    [property: JsonPropertyName("options")] DeliveryOptionsRequest? Options = null);
