namespace DigitalDelivery.Core.Payments;

/// <summary>
/// An amount in the currency's minor units (cents for EUR, yen for JPY) with its ISO 4217 code. Minor units
/// in a long avoid every rounding question a decimal amount would raise on the wire.
/// </summary>
public readonly record struct Money
{
    public Money(long minorUnits, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minorUnits);
        if (!IsCurrencyCode(currency))
        {
            throw new ArgumentException("The currency must be an ISO 4217 code: three upper-case letters.", nameof(currency));
        }

        MinorUnits = minorUnits;
        Currency = currency;
    }

    public long MinorUnits { get; }

    public string Currency { get; }

    public static bool IsCurrencyCode(string? value) => value is { Length: 3 } && value.All(char.IsAsciiLetterUpper);

    public override string ToString() => $"{MinorUnits} {Currency}";
}
