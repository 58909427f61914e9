namespace DigitalDelivery.Core.Deliveries.Handlers.Sftp;

/// <summary>
/// Checks the host key the server presents during key exchange against the destination's pinned fingerprint, and
/// remembers a mismatch so the handler can tell it apart from any other broken connection (SSH.NET reports both as
/// a failed key exchange).
/// </summary>
internal sealed class SftpHostKeyPin(string? pinned)
{
    public const string Prefix = "SHA256:";

    public string? Presented { get; private set; }

    public bool Mismatched { get; private set; }

    /// <param name="fingerprint">SSH.NET's SHA-256 fingerprint: unpadded base64 without the prefix.</param>
    public bool Accepts(string fingerprint)
    {
        Presented = Prefix + fingerprint;
        Mismatched = pinned is not null && !string.Equals(pinned, Presented, StringComparison.Ordinal);
        return !Mismatched;
    }

    /// <summary>The OpenSSH form with base64 padding removed, so a pasted <c>...=</c> still matches.</summary>
    public static string? Normalize(string? fingerprint) => fingerprint?.Trim().TrimEnd('=');
}
