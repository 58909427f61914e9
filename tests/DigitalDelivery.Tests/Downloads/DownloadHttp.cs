using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace DigitalDelivery.Tests.Downloads;

internal static class DownloadHttp
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static HttpRequestMessage Get(Grant grant, long? from = null, long? to = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, grant.Path);
        if (from is not null || to is not null)
        {
            request.Headers.Range = new RangeHeaderValue(from, to);
        }

        return request;
    }

    public static async Task<byte[]> BytesAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
            return await response.Content.ReadAsByteArrayAsync(Cancel);
        }
    }

    /// <summary>Streams the body through SHA-256 without holding it: for the large file.</summary>
    public static async Task<(string Sha256, long Length)> HashAsync(HttpResponseMessage response)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        var buffer = new byte[1 << 20];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, Cancel)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
