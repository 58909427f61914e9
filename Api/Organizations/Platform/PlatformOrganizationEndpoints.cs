using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.Organizations.Platform;

/// <summary>
/// The platform operator's view of every organization (scope <see cref="Scopes.Platform"/>): create a merchant
/// with its first owner and client, list, suspend and reactivate. Audit rows go to the operator's own organization.
/// </summary>
public static class PlatformOrganizationEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapPlatformOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/platform/organizations")
            .WithTags("Platform")
            .RequireAuthorization(Scopes.Platform)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("organization");
        group.MapGet("/", ListAsync).WithName("listPlatformOrganizations");
        group.MapPost("/", CreateAsync).WithName("createPlatformOrganization");
        group.MapGet("/{id:guid}", GetAsync).WithName("getPlatformOrganization");
        group.MapPost("/{id:guid}/suspend", SuspendAsync).WithName("suspendPlatformOrganization");
        group.MapPost("/{id:guid}/reactivate", ReactivateAsync).WithName("reactivatePlatformOrganization");
        return app;
    }

    private static async Task<Results<Ok<PlatformOrganizationResponse[]>, ValidationProblem>> ListAsync(
        PlatformOrganizations organizations, string? status, int? limit, Guid? after, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not (null or PlatformOrganizationResponse.Active or PlatformOrganizationResponse.Suspended))
        {
            errors["status"] = ["status must be active or suspended."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await organizations.ListAsync(status, limit ?? DefaultLimit, after, cancellationToken);
        return TypedResults.Ok(page.Select(PlatformOrganizationResponse.From).ToArray());
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Created<CreatedOrganizationResponse>, ProblemHttpResult>> CreateAsync(
        CreateOrganizationRequest request, PlatformOrganizations organizations, AuditTrail audit, CancellationToken cancellationToken)
    {
        var created = await organizations.CreateAsync(request.Name, request.Slug, request.OwnerEmail, cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: ProblemTypes.DuplicateSlug,
                title: "The slug is taken.",
                detail: $"An organization with the slug '{request.Slug}' exists; slugs are unique and never reused.");
        }

        await audit.WriteAsync(
            AuditActions.OrganizationCreated, "organization", created.Organization.Id.ToString(),
            $"slug={created.Organization.Slug}; owner={created.OwnerEmail}; client_id={created.ClientId}", cancellationToken: cancellationToken);
        return TypedResults.Created(
            $"/api/v1/platform/organizations/{created.Organization.Id}", CreatedOrganizationResponse.From(created));
    }

    private static async Task<Results<Ok<PlatformOrganizationResponse>, NotFound>> GetAsync(
        Guid id, PlatformOrganizations organizations, CancellationToken cancellationToken) =>
        await organizations.FindAsync(id, cancellationToken) is { } organization
            ? TypedResults.Ok(PlatformOrganizationResponse.From(organization))
            : TypedResults.NotFound();

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Ok<PlatformOrganizationResponse>, NotFound, ProblemHttpResult>> SuspendAsync(
        Guid id, SuspendOrganizationRequest request, PlatformOrganizations organizations, ITenantContext tenant, AuditTrail audit,
        CancellationToken cancellationToken)
    {
        if (id == tenant.OrganizationId)
        {
            // The operator's own organization holds the platform clients: suspending it would lock everyone out.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: ProblemTypes.Conflict,
                title: "An organization cannot suspend itself.",
                detail: "This organization holds the platform clients; suspend it from another platform organization or the command line.");
        }

        audit.Record(AuditActions.OrganizationSuspended, "organization", id.ToString(), $"reason: {request.Reason.Trim()}");
        return await organizations.SuspendAsync(id, request.Reason, cancellationToken) is { } organization
            ? TypedResults.Ok(PlatformOrganizationResponse.From(organization))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<PlatformOrganizationResponse>, NotFound>> ReactivateAsync(
        Guid id, PlatformOrganizations organizations, AuditTrail audit, CancellationToken cancellationToken)
    {
        audit.Record(AuditActions.OrganizationReactivated, "organization", id.ToString());
        return await organizations.ReactivateAsync(id, cancellationToken) is { } organization
            ? TypedResults.Ok(PlatformOrganizationResponse.From(organization))
            : TypedResults.NotFound();
    }
}
