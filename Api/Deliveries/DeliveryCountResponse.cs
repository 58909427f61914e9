using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>How many deliveries a bulk replay or purge touched.</summary>
public sealed record DeliveryCountResponse([property: JsonPropertyName("count")] int Count);
