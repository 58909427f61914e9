using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DigitalDelivery.Web.Identity;

public static class PortalAuthenticationExtensions
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";

    public static IHostApplicationBuilder AddPortalAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ApiTokenHandler>();
        builder.Services.AddScoped<PortalSignIn>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "dd_portal";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = SignInPath;
                options.LogoutPath = SignOutPath;
                options.AccessDeniedPath = SignInPath;

                // The cookie ends with the Api token inside it (set per sign-in); no sliding past it.
                options.SlidingExpiration = false;
            });
        return builder;
    }

    public static WebApplication MapPortalAccountEndpoints(this WebApplication app)
    {
        // A plain endpoint: the layout's sign-out button posts here with an antiforgery token.
        app.MapPost(SignOutPath, async (HttpContext http, PortalSignIn signIn, CancellationToken cancellationToken) =>
            {
                await signIn.SignOutAsync(http, cancellationToken);
                return TypedResults.LocalRedirect(SignInPath);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }
}
