using System.Globalization;
using System.Text;

namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// Turns a client-supplied file name into one that is safe to show and to send back in Content-Disposition:
/// no directories, no control or bidirectional-override characters (which disguise "exe.pdf" as "fdp.exe"), no
/// characters Windows refuses, no device names, at most <see cref="MaxLength"/> characters with the extension
/// kept. The name is display data only: storage never uses it.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 200;
    public const string Fallback = "file";

    private const string Forbidden = "<>:\"/\\|?*";
    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Fallback;
        }

        // Browsers on Windows used to send the full path; keep only the last segment of either separator.
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var raw = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            builder.Append(Forbidden.Contains(c, StringComparison.Ordinal) ? '_' : char.IsWhiteSpace(c) ? ' ' : c);
        }

        var cleaned = CollapseSpaces(builder.ToString()).Trim(' ', '.');
        if (cleaned.Length == 0)
        {
            return Fallback;
        }

        var extension = Path.GetExtension(cleaned);
        var stem = cleaned[..^extension.Length];
        if (DeviceNames.Contains(stem.TrimEnd(' ', '.')))
        {
            stem = "_" + stem;
        }

        if (extension.Length > 16)
        {
            (stem, extension) = (stem + extension, string.Empty);
        }

        if (stem.Length + extension.Length > MaxLength)
        {
            stem = stem[..(MaxLength - extension.Length)].TrimEnd(' ', '.');
            if (stem.Length > 0 && char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        var result = stem + extension;
        return result.Trim(' ', '.') is { Length: > 0 } trimmed ? trimmed : Fallback;
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
