using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>Delete failed deliveries (and their attempts) that failed before <c>failed_before</c>, of one destination or all.</summary>
public sealed record PurgeDeliveriesRequest(
    [property: JsonPropertyName("failed_before"), Required] DateTimeOffset FailedBefore,
    [property: JsonPropertyName("destination_id")] Guid? DestinationId = null);
