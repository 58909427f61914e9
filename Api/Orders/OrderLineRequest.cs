using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Orders;

public sealed record OrderLineRequest(
    [property: JsonPropertyName("product_id")] Guid? ProductId,
    [property: JsonPropertyName("quantity")] int? Quantity);
