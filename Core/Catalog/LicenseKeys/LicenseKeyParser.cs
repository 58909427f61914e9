namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>
/// Reads keys from plain text (one per line) or CSV (the first column; a header row named key or license_key is
/// skipped; fields may be double-quoted). Blank lines are skipped; keys are trimmed and must be 1 to
/// <see cref="MaxKeyLength"/> printable characters.
/// </summary>
public static class LicenseKeyParser
{
    public const int MaxKeyLength = 256;

    public static ParsedKeys Parse(string content, bool csv)
    {
        var keys = new List<(int, string)>();
        var invalid = new List<(int, string)>();
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var key = (csv ? FirstField(line) : line).Trim();
            if (key.Length == 0 || (csv && i == 0 && key.ToUpperInvariant() is "KEY" or "LICENSE_KEY" or "LICENSE KEY"))
            {
                continue;
            }

            var reason = Validate(key);
            if (reason is null)
            {
                keys.Add((i + 1, key));
            }
            else
            {
                invalid.Add((i + 1, reason));
            }
        }

        return new ParsedKeys(keys, invalid);
    }

    public static ParsedKeys FromList(IReadOnlyList<string?> values)
    {
        var keys = new List<(int, string)>();
        var invalid = new List<(int, string)>();
        for (var i = 0; i < values.Count; i++)
        {
            var key = values[i]?.Trim() ?? string.Empty;
            if (Validate(key) is { } reason)
            {
                invalid.Add((i + 1, reason));
            }
            else
            {
                keys.Add((i + 1, key));
            }
        }

        return new ParsedKeys(keys, invalid);
    }

    private static string? Validate(string key) => key switch
    {
        { Length: 0 } => "The key is empty.",
        { Length: > MaxKeyLength } => $"The key is longer than {MaxKeyLength} characters.",
        _ when key.Any(char.IsControl) => "The key contains control characters.",
        _ => null,
    };

    private static string FirstField(string line)
    {
        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith('"'))
        {
            var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? trimmed : trimmed[..comma];
        }

        // A quoted field: "" is an escaped quote; it ends at the next lone quote.
        var value = new System.Text.StringBuilder();
        for (var i = 1; i < trimmed.Length; i++)
        {
            if (trimmed[i] == '"')
            {
                if (i + 1 < trimmed.Length && trimmed[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                    continue;
                }

                break;
            }

            value.Append(trimmed[i]);
        }

        return value.ToString();
    }
}
