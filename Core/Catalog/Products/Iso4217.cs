using System.Collections.Frozen;

namespace DigitalDelivery.Core.Catalog.Products;

/// <summary>
/// The ISO 4217 currencies a price may be in: the active circulating codes (list amendment 179, 2025), without
/// funds, precious metals, SDRs and the testing codes, which nothing is sold in. Kept here rather than taken
/// from RegionInfo because the services run with invariant globalization (no ICU data).
/// </summary>
public static class Iso4217
{
    private const string TwoDecimalCodes =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY " +
        "COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS " +
        "INR IRR KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD " +
        "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN " +
        "SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES VED WST XCD XCG YER ZAR ZMW ZWG";

    private const string ZeroDecimalCodes = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";

    private const string ThreeDecimalCodes = "BHD IQD JOD KWD LYD OMR TND";

    private static readonly FrozenDictionary<string, int> MinorUnitsByCode = Build();

    public static IReadOnlyCollection<string> Codes => MinorUnitsByCode.Keys;

    public static bool IsKnown(string? code) => code is { Length: 3 } && MinorUnitsByCode.ContainsKey(code);

    /// <summary>Digits after the decimal point (2 for EUR, 0 for JPY, 3 for KWD): how to show a minor-unit amount.</summary>
    public static int MinorUnits(string code) => MinorUnitsByCode[code];

    private static FrozenDictionary<string, int> Build()
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (list, digits) in new[] { (TwoDecimalCodes, 2), (ZeroDecimalCodes, 0), (ThreeDecimalCodes, 3) })
        {
            foreach (var code in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                codes.Add(code, digits);
            }
        }

        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
