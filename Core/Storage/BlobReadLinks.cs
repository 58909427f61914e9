using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Core.Storage;

/// <summary>
/// Read-only SAS URLs for one blob (sp=r, sr=b), for redirect downloads. With an account key (the emulator, a key
/// connection string) the SDK signs a service SAS; with Entra ID it is a user delegation SAS, signed with a user
/// delegation key that is fetched once and reused until it nears its end (a day), never once per request.
/// </summary>
public sealed partial class BlobReadLinks(BlobServiceClient service, TimeProvider time, ILogger<BlobReadLinks> logger)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);
    // Allows for clocks that differ a little from the service's.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private Task<UserDelegationKey>? _delegationKey;

    /// <summary>
    /// A URL anyone holding it can read <paramref name="blobName"/> with until <paramref name="expiresOn"/>, HTTPS only
    /// (HTTP too when the endpoint itself is HTTP, as the emulator's is). <paramref name="contentDisposition"/> is sent
    /// back on download. Null when no user delegation key can be had (e.g. the identity lacks the Delegator role):
    /// the caller then streams the file instead; the failure is logged.
    /// </summary>
    public async Task<Uri?> TryCreateAsync(string container, string blobName, DateTimeOffset expiresOn, string? contentDisposition,
        CancellationToken cancellationToken)
    {
        var blob = service.GetBlobContainerClient(container).GetBlobClient(blobName);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            ContentDisposition = contentDisposition,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        UserDelegationKey key;
        try
        {
            key = await DelegationKeyFor(expiresOn).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (BlobFailures.IsStorageFailure(ex) || ex is Azure.Identity.AuthenticationFailedException)
        {
            LogNoDelegationKey(logger, ex);
            return null;
        }

        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    /// <summary>As <see cref="TryCreateAsync(string, string, DateTimeOffset, string?, CancellationToken)"/>, valid for <paramref name="validFor"/> from now.</summary>
    public Task<Uri?> TryCreateAsync(string container, string blobName, TimeSpan validFor, CancellationToken cancellationToken) =>
        TryCreateAsync(container, blobName, time.GetUtcNow() + validFor, contentDisposition: null, cancellationToken);

    // One fetch at a time shared by every caller; a failed fetch is retried by the next request.
    private Task<UserDelegationKey> DelegationKeyFor(DateTimeOffset expiresOn)
    {
        lock (_lock)
        {
            var current = _delegationKey;
            var usable = current is not null && !current.IsFaulted && !current.IsCanceled
                && (!current.IsCompletedSuccessfully || current.Result.SignedExpiresOn >= expiresOn);
            if (!usable)
            {
                _delegationKey = current = FetchDelegationKeyAsync(expiresOn);
            }

            return current!;
        }
    }

    private async Task<UserDelegationKey> FetchDelegationKeyAsync(DateTimeOffset expiresOn)
    {
        var now = time.GetUtcNow();
        var options = new BlobGetUserDelegationKeyOptions(Max(now + KeyLifetime, expiresOn)) { StartsOn = now - ClockSkew };
        Response<UserDelegationKey> key = await service.GetUserDelegationKeyAsync(options, CancellationToken.None).ConfigureAwait(false);
        return key.Value;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user delegation key for read SAS URLs; the download is streamed through the Api instead.")]
    private static partial void LogNoDelegationKey(ILogger logger, Exception exception);
}
