using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Identity;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Users;

/// <summary>
/// The tenant's portal users (scope admin). The Owner role is given only by the first-run seed and an Owner is
/// not deleted or demoted here, so a tenant cannot lock itself out through the Api.
/// </summary>
public static class UserEndpoints
{
    private static readonly string[] AssignableRoles = [PortalRoles.Admin, PortalRoles.Support, PortalRoles.Viewer];

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users")
            .WithTags("Users")
            .RequireAuthorization(Scopes.Admin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("user");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:guid}/role", ChangeRoleAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<UserResponse>>> ListAsync(UserManager<PortalUser> users, CancellationToken cancellationToken)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.CreatedAt).ToListAsync(cancellationToken);
        var result = new List<UserResponse>(all.Count);
        foreach (var user in all)
        {
            result.Add(ToResponse(user, await users.GetRolesAsync(user)));
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(Guid id, UserManager<PortalUser> users, CancellationToken cancellationToken)
    {
        var user = await users.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(user, await users.GetRolesAsync(user)));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, UserManager<PortalUser> users, ITenantContext tenant, AuditTrail audit, TimeProvider time)
    {
        if (!AssignableRoles.Contains(request.Role, StringComparer.Ordinal))
        {
            return RoleProblem();
        }

        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.OrganizationId!.Value,
            UserName = request.Email,
            Email = request.Email,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "A user with this email already exists.")
                : IdentityProblem(created);
        }

        await users.AddToRoleAsync(user, request.Role);
        await audit.WriteAsync(AuditActions.UserCreated, "user", user.Id.ToString(), $"email={user.Email}; role={request.Role}");
        return TypedResults.Created($"/api/v1/users/{user.Id}", ToResponse(user, [request.Role]));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        Guid id, ChangeRoleRequest request, UserManager<PortalUser> users, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!AssignableRoles.Contains(request.Role, StringComparer.Ordinal))
        {
            return RoleProblem();
        }

        var user = await users.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var roles = await users.GetRolesAsync(user);
        if (roles.Contains(PortalRoles.Owner))
        {
            return OwnerProblem();
        }

        await users.RemoveFromRolesAsync(user, roles);
        await users.AddToRoleAsync(user, request.Role);
        await audit.WriteAsync(AuditActions.UserRoleChanged, "user", user.Id.ToString(), $"{string.Join(',', roles)} -> {request.Role}", cancellationToken: cancellationToken);
        return TypedResults.Ok(ToResponse(user, [request.Role]));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, UserManager<PortalUser> users, AuditTrail audit, CancellationToken cancellationToken)
    {
        var user = await users.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if ((await users.GetRolesAsync(user)).Contains(PortalRoles.Owner))
        {
            return OwnerProblem();
        }

        await users.DeleteAsync(user);
        await audit.WriteAsync(AuditActions.UserDeleted, "user", user.Id.ToString(), $"email={user.Email}", cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem RoleProblem() => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        ["role"] = [$"The role must be one of {string.Join(", ", AssignableRoles)}."],
    });

    private static ValidationProblem IdentityProblem(IdentityResult result) => TypedResults.ValidationProblem(new Dictionary<string, string[]>
    {
        [result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email"] =
            result.Errors.Select(e => e.Description).ToArray(),
    });

    private static ProblemHttpResult OwnerProblem() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, detail: "The organization's owner cannot be changed or deleted here.");

    private static UserResponse ToResponse(PortalUser user, IEnumerable<string> roles) =>
        new(user.Id, user.Email, roles.ToList(), user.LockoutEnd, user.CreatedAt);
}
