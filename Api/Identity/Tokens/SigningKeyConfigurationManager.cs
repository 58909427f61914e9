using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// Feeds JwtBearer the persisted signing keys, asynchronously and cached (<see cref="SigningKeyStore"/>), in
/// place of an IssuerSigningKeyResolver, whose synchronous signature would block on the database. JwtBearer
/// calls <see cref="RequestRefresh"/> when a token's kid is unknown; refreshes are throttled so that tokens
/// with made-up kids cannot turn into database load.
/// </summary>
public sealed class SigningKeyConfigurationManager(SigningKeyStore store, TimeProvider time, IOptions<AccessTokenOptions> options)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(10);
    private long _lastRefreshTicks;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = options.Value.Issuer };
        foreach (var key in await store.GetValidationKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key.PublicKey);
        }

        return configuration;
    }

    public void RequestRefresh()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastRefreshTicks);
        if (now - last >= MinimumRefreshInterval.Ticks && Interlocked.CompareExchange(ref _lastRefreshTicks, now, last) == last)
        {
            store.Invalidate();
        }
    }
}
