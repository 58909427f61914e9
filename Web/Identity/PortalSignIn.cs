using System.Security.Claims;
using DigitalDelivery.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DigitalDelivery.Web.Identity;

/// <summary>
/// Signs a user in by exchanging their credentials at the Api for a short-lived user token, then issues the
/// portal's cookie holding that token; the cookie lives exactly as long as the token.
/// </summary>
public sealed class PortalSignIn(ApiClient api, TimeProvider time)
{
    public async Task<bool> SignInAsync(HttpContext http, string email, string password, CancellationToken cancellationToken)
    {
        var result = await api.SignInAsync(email, password, cancellationToken);
        if (result is null)
        {
            return false;
        }

        var claims = new List<Claim>
        {
            new(PortalClaims.UserId, result.User.Id),
            new(PortalClaims.Email, result.User.Email ?? email),
            new(PortalClaims.OrganizationId, result.User.OrganizationId.ToString()),
        };
        claims.AddRange(result.User.Roles.Select(role => new Claim(PortalClaims.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            claims, CookieAuthenticationDefaults.AuthenticationScheme, PortalClaims.Email, PortalClaims.Role));
        var properties = new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = time.GetUtcNow().AddSeconds(result.ExpiresIn),
            AllowRefresh = false,
        };
        properties.StoreTokens([new AuthenticationToken { Name = PortalClaims.AccessTokenName, Value = result.AccessToken }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        return true;
    }

    public async Task SignOutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (await http.GetTokenAsync(PortalClaims.AccessTokenName) is { Length: > 0 } token)
        {
            await api.SignOutAsync(token, cancellationToken); // audited by the Api
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
