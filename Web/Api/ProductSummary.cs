using System.Globalization;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record ProductSummary(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("sku")] string Sku,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("price_minor")] long PriceMinor,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("currency_minor_units")] int CurrencyMinorUnits,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stock_limit")] int? StockLimit)
{
    /// <summary>The price in major units with the currency's own number of decimals, e.g. "19.99 EUR", "1500 JPY".</summary>
    public string Price => string.Create(CultureInfo.InvariantCulture,
        $"{(PriceMinor / Math.Pow(10, CurrencyMinorUnits)).ToString("F" + CurrencyMinorUnits, CultureInfo.InvariantCulture)} {Currency}");
}
