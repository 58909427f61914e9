using System.Security.Claims;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity.Tokens;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Organizations;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Audit;
using DigitalDelivery.Core.Identity;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace DigitalDelivery.Api.Identity.SignIn;

/// <summary>
/// Portal sign-in: the Web portal posts a user's email and password and receives a short-lived user token
/// (user, tenant, roles, and the scopes the roles allow). Lockout after 5 failures; every outcome for a known
/// user is audited. Unknown emails answer exactly like wrong passwords.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/sign-in", SignInAsync)
            .AllowAnonymous()
            .WithMetadata(new RateLimitKeyFromBodyAttribute("email"))
            .RequireRateLimiting(RateLimitPolicies.SignInPerAccount);
        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization();
        group.MapGet("/me", GetCurrentUser).RequireAuthorization();
        return app;
    }

    [ProblemResponses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)]
    private static async Task<Results<Ok<SignInResponse>, ProblemHttpResult>> SignInAsync(
        SignInRequest request,
        UserManager<PortalUser> users,
        TenantContext tenant,
        UserTokenIssuer issuer,
        AuditTrail audit,
        OrganizationSuspensions suspensions,
        DeliveryDbContext db,
        CancellationToken cancellationToken)
    {
        PortalUser? user;
        using (tenant.BeginCrossTenantAccess())
        {
            user = await users.FindByEmailAsync(request.Email);
        }

        if (user is null)
        {
            // Spend the time a real check would, so response times do not reveal which emails exist.
            users.PasswordHasher.VerifyHashedPassword(new PortalUser(), DecoyHash.Value, request.Password);
            return Refused();
        }

        tenant.SetOrganization(user.OrganizationId);
        var actor = (AuditActorTypes.User, user.Id.ToString());
        if (await users.IsLockedOutAsync(user))
        {
            await audit.WriteAsync(AuditActions.UserSignInFailed, "user", user.Id.ToString(), "account locked out", actor, cancellationToken: cancellationToken);
            return Refused();
        }

        if (!await users.CheckPasswordAsync(user, request.Password))
        {
            await users.AccessFailedAsync(user);
            var lockedOut = await users.IsLockedOutAsync(user);
            await audit.WriteAsync(
                lockedOut ? AuditActions.UserLockedOut : AuditActions.UserSignInFailed,
                "user", user.Id.ToString(), lockedOut ? "too many failures: locked out" : "wrong password", actor, cancellationToken: cancellationToken);
            return Refused();
        }

        await users.ResetAccessFailedCountAsync(user);
        if (await suspensions.IsSuspendedAsync(user.OrganizationId, db, cancellationToken))
        {
            // Only after the password: an unauthenticated caller must not learn that an organization is suspended.
            await audit.WriteAsync(AuditActions.UserSignInFailed, "user", user.Id.ToString(), "organization suspended", actor, cancellationToken: cancellationToken);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                type: ProblemTypes.OrganizationSuspended,
                title: "The organization is suspended.",
                detail: "This organization's portal and API access are suspended by the platform operator.");
        }

        var roles = (await users.GetRolesAsync(user)).ToList();
        var scopes = RoleScopes.For(roles);
        var token = await issuer.IssueAsync(user.OrganizationId, user.Id, user.Email!, roles, scopes);
        await audit.WriteAsync(AuditActions.UserSignedIn, "user", user.Id.ToString(), $"roles: {string.Join(',', roles)}", actor, cancellationToken: cancellationToken);
        return TypedResults.Ok(new SignInResponse(
            token.AccessToken,
            "Bearer",
            (int)token.Lifetime.TotalSeconds,
            new CurrentUserResponse(user.Id.ToString(), AuditActorTypes.User, user.OrganizationId, user.Email, roles, scopes)));
    }

    private static async Task<NoContent> SignOutAsync(AuditTrail audit, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(AuditActions.UserSignedOut, "user", principal.FindFirstValue(TokenClaims.Subject), cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static Ok<CurrentUserResponse> GetCurrentUser(ClaimsPrincipal principal)
    {
        var actor = principal.GetActor();
        return TypedResults.Ok(new CurrentUserResponse(
            actor?.Id ?? string.Empty,
            actor?.Type ?? string.Empty,
            principal.GetOrganizationId() ?? Guid.Empty,
            principal.FindFirstValue(TokenClaims.Email),
            principal.FindAll(TokenClaims.Role).Select(c => c.Value).ToList(),
            principal.GetScopes().ToList()));
    }

    private static ProblemHttpResult Refused() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        type: ProblemTypes.Unauthorized,
        detail: "The email or password is incorrect, or the account is locked.");

    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString()));
}
