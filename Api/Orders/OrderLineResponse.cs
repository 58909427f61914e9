using System.Text.Json.Serialization;
using DigitalDelivery.Core.Orders;

namespace DigitalDelivery.Api.Orders;

public sealed record OrderLineResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("product_id")] Guid ProductId,
    [property: JsonPropertyName("sku")] string Sku,
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("unit_price_minor")] long UnitPriceMinor,
    [property: JsonPropertyName("line_total_minor")] long LineTotalMinor,
    [property: JsonPropertyName("reserved_quantity")] int ReservedQuantity)
{
    public static OrderLineResponse From(OrderLine line) => new(
        line.Id, line.ProductId, line.Sku, line.ProductName, line.Quantity, line.UnitPriceMinor, line.LineTotalMinor, line.ReservedQuantity);
}
