using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// Gives OpenIddict's server the database-held signing keys (it signs with the first, publishes all in its JWKS) and
/// rebuilds its options whenever <see cref="SigningKeyStore"/> reports a change, so a rotation takes effect without
/// a restart.
/// </summary>
internal sealed class OpenIddictSigningKeys(SigningKeyStore store)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => store.GetChangeToken();

    public void Configure(OpenIddictServerOptions options) =>
        options.SigningCredentials.AddRange(store.Current
            ?? throw new InvalidOperationException("The signing keys are not loaded yet (is the database reachable?)."));
}
