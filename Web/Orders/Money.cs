using System.Globalization;
using DigitalDelivery.Core.Catalog.Products;

namespace DigitalDelivery.Web.Orders;

internal static class Money
{
    /// <summary>"19.99 EUR", "1500 JPY": major units with the currency's own number of decimals.</summary>
    public static string Format(long minor, string currency)
    {
        var units = Iso4217.IsKnown(currency) ? Iso4217.MinorUnits(currency) : 2;
        var major = minor / (decimal)Math.Pow(10, units);
        return string.Create(CultureInfo.InvariantCulture, $"{major.ToString("F" + units, CultureInfo.InvariantCulture)} {currency}");
    }
}
