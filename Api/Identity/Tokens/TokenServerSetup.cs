using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// OpenIddict as the Api's token server and token validation. Degraded mode: no OpenIddict stores; clients are the
/// rows of api_clients, authenticated by <see cref="TokenEndpoints"/>, and the signing keys are the database-held
/// ones of <see cref="SigningKeyStore"/>. Access tokens are signed, not encrypted, JWTs (RFC 9068), readable by
/// storefronts and the Web as before.
/// </summary>
public static class TokenServerSetup
{
    public static IServiceCollection AddTokenServer(this IServiceCollection services)
    {
        services.AddOptions<AccessTokenOptions>().BindConfiguration(AccessTokenOptions.Section);
        services.AddSingleton<SigningKeyStore>();
        services.AddHostedService<SigningKeyRefresher>();
        services.AddSingleton<OpenIddictSigningKeys>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<OpenIddictSigningKeys>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<OpenIddictSigningKeys>());
        services.AddSingleton<LocalServerSigningKeys>();
        services.AddScoped<UserTokenIssuer>();

        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenEndpoints.TokenPath)
                    .SetJsonWebKeySetEndpointUris(TokenEndpoints.JwksPath)
                    .SetConfigurationEndpointUris(TokenEndpoints.DiscoveryPath);
                server.AllowClientCredentialsFlow();
                server.RegisterScopes([.. Scopes.All]);
                server.EnableDegradedMode();
                server.AddEventHandler(RequireClientCredentials.Descriptor);
                server.DisableAccessTokenEncryption();

                // OpenIddict insists on an encryption key; with only unencrypted access tokens it encrypts nothing.
                server.AddEphemeralEncryptionKey();

                // TLS ends at the ingress (and is absent on the local stack); the Api itself listens on HTTP.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<AccessTokenOptions>>((server, tokens) =>
        {
            server.Issuer = new Uri(tokens.Value.Issuer);
            server.AccessTokenLifetime = tokens.Value.ClientTokenLifetime;
        });
        services.AddOptions<OpenIddictValidationOptions>().Configure<IOptions<AccessTokenOptions>, LocalServerSigningKeys>((validation, tokens, keys) =>
        {
            validation.Audiences.Add(tokens.Value.Audience);
            validation.TokenValidationParameters.ClockSkew = tokens.Value.ClockSkew;
            validation.ConfigurationManager = keys;
        });
        return services;
    }
}
