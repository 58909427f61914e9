using System.Security.Cryptography;
using System.Text;

namespace DigitalDelivery.Core.Downloads;

/// <summary>
/// Who a download session belongs to: SHA-256 of the client's IP address and user agent. Requests of one download
/// manager (parallel ranges, resumes) share both; a different browser or network is a different client and counts
/// again. Only the hash is stored, so the sessions table holds no addresses.
/// </summary>
public static class ClientFingerprint
{
    public static byte[] Of(string? ipAddress, string? userAgent)
    {
        var text = $"{ipAddress}\n{userAgent}";
        var bytes = Encoding.UTF8.GetBytes(text);
        return SHA256.HashData(bytes);
    }
}
