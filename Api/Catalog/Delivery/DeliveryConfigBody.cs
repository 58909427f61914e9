using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Catalog.Delivery;

/// <summary>
/// A delivery configuration. As tenant defaults every field is required; as a product's overrides a null (or
/// absent) field inherits the tenant default.
/// </summary>
public sealed record DeliveryConfigBody(
    [property: JsonPropertyName("auto_fulfill_on_payment")] bool? AutoFulfillOnPayment,
    [property: JsonPropertyName("destinations")] string[]? Destinations,
    [property: JsonPropertyName("retry")] RetryBody? Retry);
