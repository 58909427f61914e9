using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// How a request is delivered: priority 0-10 (higher first), an idempotency key (a resubmission with it returns the
/// first request's deliveries), a correlation id to find it by, and tags to search on.
/// </summary>
public sealed record DeliveryOptionsRequest(
    [property: JsonPropertyName("priority"), Range(0, 10)] int? Priority = null,
    [property: JsonPropertyName("idempotency_key"), StringLength(200, MinimumLength = 1)] string? IdempotencyKey = null,
    [property: JsonPropertyName("correlation_id")] Guid? CorrelationId = null,
    [property: JsonPropertyName("tags"), MaxLength(10)] string[]? Tags = null);
