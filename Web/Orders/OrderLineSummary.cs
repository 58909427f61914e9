using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Orders;

public sealed record OrderLineSummary(
    [property: JsonPropertyName("sku")] string Sku,
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("line_total_minor")] long LineTotalMinor);
