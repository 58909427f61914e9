using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Organizations;

/// <summary>The caller's own organization: there is no route to any other.</summary>
public static class OrganizationEndpoints
{
    public sealed record OrganizationResponse(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("slug")] string Slug,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);

    public sealed record UpdateOrganizationRequest([property: Required, StringLength(200, MinimumLength = 1)] string Name);

    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organization")
            .WithTags("Organization")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("organization");
        group.MapGet("/", GetAsync);
        group.MapPut("/", UpdateAsync).RequireAuthorization(Scopes.Admin);
        return app;
    }

    private static async Task<Results<Ok<OrganizationResponse>, NotFound>> GetAsync(DeliveryDbContext db, ITenantContext tenant, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == tenant.OrganizationId, cancellationToken) is { } organization
            ? TypedResults.Ok(new OrganizationResponse(organization.Id, organization.Name, organization.Slug, organization.CreatedAt))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<OrganizationResponse>, NotFound>> UpdateAsync(
        UpdateOrganizationRequest request, DeliveryDbContext db, ITenantContext tenant, AuditTrail audit, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == tenant.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return TypedResults.NotFound();
        }

        audit.Record(AuditActions.OrganizationUpdated, "organization", organization.Id.ToString(), $"name: {organization.Name} -> {request.Name.Trim()}");
        organization.Name = request.Name.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new OrganizationResponse(organization.Id, organization.Name, organization.Slug, organization.CreatedAt));
    }
}
