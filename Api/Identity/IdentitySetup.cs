using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Clients;
using DigitalDelivery.Api.Identity.Tokens;
using DigitalDelivery.Core.Identity;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DigitalDelivery.Api.Identity;

public static class IdentitySetup
{
    public static IHostApplicationBuilder AddApiIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccessTokenOptions>().BindConfiguration(AccessTokenOptions.Section);
        services.AddHttpContextAccessor();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<SigningKeyConfigurationManager>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<ClientSecrets>();
        services.AddScoped<AuditTrail>();

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;

                // NIST SP 800-63B: length over composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<DeliveryDbContext>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyConfigurationManager, IOptions<AccessTokenOptions>>((options, keys, tokens) =>
            {
                options.MapInboundClaims = false;
                options.ConfigurationManager = keys;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = tokens.Value.Issuer,
                    ValidAudience = tokens.Value.Audience,
                    ValidAlgorithms = [SigningKeyStore.Algorithm],
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = tokens.Value.ClockSkew,
                    NameClaimType = TokenClaims.Subject,
                    RoleClaimType = TokenClaims.Role,
                };
            });

        services.AddAuthorizationBuilder().AddScopePolicies();
        return builder;
    }

    /// <summary>One policy per scope, named after it: <c>.RequireAuthorization(Scopes.OrdersWrite)</c>.</summary>
    private static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope)));
        }

        return authorization;
    }
}
