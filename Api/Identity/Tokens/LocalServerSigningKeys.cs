using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// OpenIddict validation's view of the local server (UseLocalServer copies the server's keys once, at start): the
/// server's signing keys as they are now, after any rotation, and a reload of the keys when a token names a key this
/// instance does not know yet (one that another instance has just started to sign with).
/// </summary>
internal sealed class LocalServerSigningKeys(IOptionsMonitor<OpenIddictServerOptions> server, SigningKeyStore store)
    : IConfigurationManager<OpenIddictConfiguration>
{
    private Cached? _cached;

    public Task<OpenIddictConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var options = server.CurrentValue;
        if (Volatile.Read(ref _cached) is { } cached && ReferenceEquals(cached.Options, options))
        {
            return Task.FromResult(cached.Configuration);
        }

        var configuration = new OpenIddictConfiguration { Issuer = options.Issuer };
        foreach (var credentials in options.SigningCredentials)
        {
            configuration.SigningKeys.Add(credentials.Key);
        }

        Volatile.Write(ref _cached, new Cached(options, configuration));
        return Task.FromResult(configuration);
    }

    public void RequestRefresh() => store.RequestRefresh();

    private sealed record Cached(OpenIddictServerOptions Options, OpenIddictConfiguration Configuration);
}
