using System.Globalization;

namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// clamd's answer to VERSION: <c>ClamAV 1.4.6/27432/Fri Nov 20 09:25:02 2026</c> with official signatures,
/// just <c>ClamAV 1.4.6</c> when only unofficial databases (like the generated test one) are loaded.
/// <see cref="SignatureDate"/> is the database's build time as clamd prints it (C ctime text, clamd's local time).
/// </summary>
public sealed record ClamAvVersion(string Engine, int? SignatureVersion, string? SignatureDate)
{
    public static ClamAvVersion Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var parts = reply.Trim().Split('/', 3);
        var signatureVersion = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : (int?)null;
        return new ClamAvVersion(parts[0], signatureVersion, parts.Length > 2 ? parts[2] : null);
    }
}
