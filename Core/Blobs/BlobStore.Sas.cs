using System.Globalization;

namespace DigitalDelivery.Core.Blobs;

// Read-only service SAS for a single blob.
public sealed partial class BlobStore
{
    /// <summary>
    /// A URL that lets anyone holding it read one blob until <paramref name="expiresOn"/>: a service SAS (sp=r, sr=b)
    /// signed with the account key, HTTPS only (also HTTP when the endpoint itself is HTTP, as the emulator's is).
    /// <paramref name="contentDisposition"/> (e.g. <c>attachment; filename="x.zip"</c>) is sent back on download.
    /// </summary>
    /// <exception cref="NotSupportedException">Entra ID authentication: there is no account key to sign with.</exception>
    public Uri CreateReadSasUri(string container, string blobName, DateTimeOffset expiresOn, string? contentDisposition = null)
    {
        var blobUri = BlobUri(container, blobName);
        if (_sharedKey is null)
        {
            throw new NotSupportedException(
                "Read SAS URIs need the storage account key. With Entra ID (a service-URI connection string) a user delegation SAS " +
                "would be required, which this client does not implement; stream the blob through the API instead (see CanCreateSasUris).");
        }

        var expiry = expiresOn.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var protocol = blobUri.Scheme == Uri.UriSchemeHttps ? "https" : "https,http";
        string[] fields =
        [
            "r",                                                      // signedPermissions
            string.Empty,                                             // signedStart: valid at once
            expiry,                                                   // signedExpiry
            $"/blob/{_sharedKey.AccountName}/{container}/{blobName}", // canonicalizedResource (unescaped name)
            string.Empty,                                             // signedIdentifier
            string.Empty,                                             // signedIP
            protocol,                                                 // signedProtocol
            ApiVersion,                                               // signedVersion
            "b",                                                      // signedResource
            string.Empty,                                             // signedSnapshotTime
            string.Empty,                                             // signedEncryptionScope
            string.Empty,                                             // rscc
            contentDisposition ?? string.Empty,                       // rscd
            string.Empty,                                             // rsce
            string.Empty,                                             // rscl
            string.Empty,                                             // rsct
        ];
        var signature = _sharedKey.Sign(string.Join('\n', fields));

        var query = $"sv={ApiVersion}&spr={Uri.EscapeDataString(protocol)}&se={Uri.EscapeDataString(expiry)}&sr=b&sp=r";
        if (contentDisposition is not null)
        {
            query += "&rscd=" + Uri.EscapeDataString(contentDisposition);
        }

        return new Uri($"{blobUri.AbsoluteUri}?{query}&sig={Uri.EscapeDataString(signature)}");
    }

    /// <summary>As <see cref="CreateReadSasUri(string, string, DateTimeOffset, string?)"/>, valid for <paramref name="validFor"/> from now.</summary>
    public Uri CreateReadSasUri(string container, string blobName, TimeSpan validFor, string? contentDisposition = null) =>
        CreateReadSasUri(container, blobName, _time.GetUtcNow() + validFor, contentDisposition);
}
