using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>Replay every delivery to <c>destination_id</c> that failed at or after <c>since</c>.</summary>
public sealed record ReplayDeliveriesRequest(
    [property: JsonPropertyName("destination_id"), Required] Guid DestinationId,
    [property: JsonPropertyName("since"), Required] DateTimeOffset Since);
