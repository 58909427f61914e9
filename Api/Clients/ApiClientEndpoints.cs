using System.Security.Claims;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Clients;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Clients;

/// <summary>
/// The tenant's API clients (scope admin). Another tenant's client answers 404 like a missing one: the query
/// filter hides it and RLS would too.
/// </summary>
public static class ApiClientEndpoints
{
    public static IEndpointRouteBuilder MapApiClientEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clients")
            .WithTags("API clients")
            .RequireAuthorization(Scopes.Admin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("api_client");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:guid}", UpdateAsync);
        group.MapPost("/{id:guid}/secret", RotateSecretAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<ApiClientResponse>>> ListAsync(DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var clients = await db.Set<ApiClient>().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(clients.Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<ApiClientResponse>, NotFound>> GetAsync(Guid id, DeliveryDbContext db, CancellationToken cancellationToken) =>
        await db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } client
            ? TypedResults.Ok(ToResponse(client))
            : TypedResults.NotFound();

    private static async Task<Results<Created<ApiClientWithSecretResponse>, ValidationProblem>> CreateAsync(
        CreateApiClientRequest request,
        ClaimsPrincipal caller,
        DeliveryDbContext db,
        ITenantContext tenant,
        ClientSecrets secrets,
        AuditTrail audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (UngrantableScopes(request.Scopes, caller) is { } problem)
        {
            return problem;
        }

        var secret = ClientSecrets.NewSecret();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.OrganizationId!.Value,
            ClientId = ClientSecrets.NewClientId(),
            Name = request.Name.Trim(),
            SecretHash = secrets.Hash(secret),
            Scopes = request.Scopes.Distinct(StringComparer.Ordinal).ToArray(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(client);
        audit.Record(AuditActions.ClientCreated, "api_client", client.Id.ToString(), $"name={client.Name}; scopes={string.Join(' ', client.Scopes)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/clients/{client.Id}", new ApiClientWithSecretResponse(ToResponse(client), secret));
    }

    private static async Task<Results<Ok<ApiClientResponse>, NotFound, ValidationProblem>> UpdateAsync(
        Guid id, UpdateApiClientRequest request, ClaimsPrincipal caller, DeliveryDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (UngrantableScopes(request.Scopes, caller) is { } problem)
        {
            return problem;
        }

        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        var before = $"name={client.Name}; scopes={string.Join(' ', client.Scopes)}";
        client.Name = request.Name.Trim();
        client.Scopes = request.Scopes.Distinct(StringComparer.Ordinal).ToArray();
        audit.Record(AuditActions.ClientUpdated, "api_client", client.Id.ToString(),
            $"{before} -> name={client.Name}; scopes={string.Join(' ', client.Scopes)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(client));
    }

    private static async Task<Results<Ok<ApiClientWithSecretResponse>, NotFound>> RotateSecretAsync(
        Guid id, DeliveryDbContext db, ClientSecrets secrets, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        var secret = ClientSecrets.NewSecret();
        client.SecretHash = secrets.Hash(secret);
        client.SecretRotatedAt = time.GetUtcNow();
        audit.Record(AuditActions.ClientSecretRotated, "api_client", client.Id.ToString(), "secret rotated");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ApiClientWithSecretResponse(ToResponse(client), secret));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, DeliveryDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        db.Remove(client);
        audit.Record(AuditActions.ClientDeleted, "api_client", client.Id.ToString(), $"client_id={client.ClientId}; name={client.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Unknown scopes, and the platform scope asked for by a caller that does not hold it: a merchant's admin
    /// must not be able to mint a client that administers every organization.
    /// </summary>
    private static ValidationProblem? UngrantableScopes(string[] scopes, ClaimsPrincipal caller)
    {
        var unknown = scopes.Where(s => !Scopes.IsKnown(s)).ToList();
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["scopes"] = [$"Unknown scopes: {string.Join(", ", unknown)}. Known: {string.Join(", ", Scopes.Tenant)}."],
            });
        }

        return scopes.Contains(Scopes.Platform, StringComparer.Ordinal) && !caller.HasScope(Scopes.Platform)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["scopes"] = [$"{Scopes.Platform} can only be granted by a client that holds it."],
            })
            : null;
    }

    private static ApiClientResponse ToResponse(ApiClient client) =>
        new(client.Id, client.ClientId, client.Name, client.Scopes, client.CreatedAt, client.SecretRotatedAt);
}
