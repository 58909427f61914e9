using System.Net.Http.Headers;
using Azure.Core;

namespace DigitalDelivery.Core.Blobs;

/// <summary>
/// Microsoft Entra ID authorization: a bearer token for https://storage.azure.com, kept until five minutes before it
/// expires. Two callers may refresh at once; that only costs a second token request.
/// </summary>
internal sealed class BearerTokenAuthorizer(TokenCredential credential, TimeProvider timeProvider) : IBlobRequestAuthorizer
{
    private static readonly TokenRequestContext Scope = new(["https://storage.azure.com/.default"]);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private CachedToken? _token;

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = Volatile.Read(ref _token);
        if (token is null || token.ExpiresOn - timeProvider.GetUtcNow() < RefreshMargin)
        {
            var fresh = await credential.GetTokenAsync(Scope, cancellationToken).ConfigureAwait(false);
            token = new CachedToken(fresh.Token, fresh.ExpiresOn);
            Volatile.Write(ref _token, token);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
    }

    // A class, so a reader never sees half of an update.
    private sealed record CachedToken(string Value, DateTimeOffset ExpiresOn);
}
