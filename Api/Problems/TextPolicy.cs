namespace DigitalDelivery.Api.Problems;

/// <summary>
/// The one rule every text value the Api accepts follows: no NUL (PostgreSQL cannot store it in text), no other C0
/// control character except tab, line feed and carriage return, no DEL, and no bidirectional override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which make a name display as something it is not. Nothing is stripped: a value
/// is accepted as sent or refused with the first offending character named.
/// </summary>
public static class TextPolicy
{
    /// <summary>The first character the policy refuses, as "U+XXXX", or null when the value is acceptable.</summary>
    public static string? FirstRefused(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (IsRefused(c))
            {
                return $"U+{(int)c:X4}";
            }
        }

        return null;
    }

    private static bool IsRefused(char c) =>
        (c < ' ' && c is not '\t' and not '\n' and not '\r')
        || c == '\u007F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
