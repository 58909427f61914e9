using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// The token request validation OpenIddict's degraded mode asks for. A request without a client id and secret is
/// invalid_client (401, RFC 6749 section 5.2: "no client authentication included"), as the Api has always answered;
/// OpenIddict alone would say invalid_request. Checking the secret itself is left to <see cref="TokenEndpoints"/>,
/// behind the per-client rate limit, because this handler runs before the rate limiter.
/// </summary>
internal sealed class RequireClientCredentials : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<RequireClientCredentials>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateClientIdParameter.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (string.IsNullOrEmpty(context.Request.ClientId) || string.IsNullOrEmpty(context.Request.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "Client authentication failed: send client_id and client_secret.");
        }

        return default;
    }
}
