using System.Text.Json.Nodes;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Webhooks;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Security.DataProtection;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Destinations;

/// <summary>
/// The organization's delivery destinations (scope deliveries:admin). Secrets are encrypted at rest and shown
/// only when made (create, rotate). The connection test makes a real signed call and says what came back.
/// </summary>
public static class DestinationEndpoints
{
    public static IEndpointRouteBuilder MapDestinationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/destinations")
            .WithTags("Destinations")
            .RequireAuthorization(Scopes.DeliveriesAdmin)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("destination");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}", UpdateAsync);
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapPost("/{id:guid}/secret", RotateSecretAsync);
        group.MapPost("/{id:guid}/test", TestAsync);
        return app;
    }

    private static async Task<Ok<DestinationResponse[]>> ListAsync(DeliveryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Set<Destination>().AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken))
            .Select(DestinationResponse.From).ToArray());

    private static async Task<Results<Created<DestinationWithSecretResponse>, ValidationProblem>> CreateAsync(
        DestinationRequest request, DeliveryDbContext db, ITenantContext tenant, SecretProtector protector, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (DestinationValidation.Errors(request, creating: true) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var secret = request.Secret ?? WebhookSecrets.New();
        var destination = new Destination
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = tenant.OrganizationId!.Value,
            Name = request.Name.Trim(),
            Type = request.Type,
            Url = request.Url,
            Events = [.. request.Events.Distinct(StringComparer.Ordinal)],
            ProtectedSecret = protector.Protect(WebhookSecrets.ProtectionPurpose, secret),
            Enabled = request.Enabled ?? true,
            MaxAttempts = request.MaxAttempts,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(destination);
        audit.Record(DestinationAuditActions.Created, "destination", destination.Id.ToString(), $"{destination.Type} {destination.Url}; events: {string.Join(' ', destination.Events)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/destinations/{destination.Id}", new DestinationWithSecretResponse(DestinationResponse.From(destination), secret));
    }

    private static async Task<Results<Ok<DestinationResponse>, NotFound>> GetAsync(
        Guid id, HttpContext http, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } destination)
        {
            return TypedResults.NotFound();
        }

        Preconditions.SetETag(http, destination.Version);
        return TypedResults.Ok(DestinationResponse.From(destination));
    }

    [ProblemResponses(StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Ok<DestinationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, DestinationRequest request, HttpContext http, DeliveryDbContext db, AuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.Check(http.Request, destination.Version) is { } precondition)
        {
            return precondition;
        }

        if (DestinationValidation.Errors(request, creating: false) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (request.Type != destination.Type)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["A destination's type cannot change; create another."] });
        }

        destination.Name = request.Name.Trim();
        destination.Url = request.Url;
        destination.Events = [.. request.Events.Distinct(StringComparer.Ordinal)];
        destination.Enabled = request.Enabled ?? destination.Enabled;
        destination.MaxAttempts = request.MaxAttempts;
        destination.UpdatedAt = time.GetUtcNow();
        destination.Version++;
        audit.Record(DestinationAuditActions.Updated, "destination", destination.Id.ToString(), $"{destination.Url}; enabled: {destination.Enabled}; events: {string.Join(' ', destination.Events)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        Preconditions.SetETag(http, destination.Version);
        return TypedResults.Ok(DestinationResponse.From(destination));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, DeliveryDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return TypedResults.NotFound();
        }

        // Its deliveries and their attempts go with it (cascade): a deleted destination has no history to keep.
        db.Remove(destination);
        audit.Record(DestinationAuditActions.Deleted, "destination", destination.Id.ToString(), destination.Url);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DestinationWithSecretResponse>, NotFound>> RotateSecretAsync(
        Guid id, DeliveryDbContext db, SecretProtector protector, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return TypedResults.NotFound();
        }

        var secret = WebhookSecrets.New();
        destination.ProtectedSecret = protector.Protect(WebhookSecrets.ProtectionPurpose, secret);
        destination.UpdatedAt = time.GetUtcNow();
        destination.Version++;
        audit.Record(DestinationAuditActions.SecretRotated, "destination", destination.Id.ToString(), "signing secret rotated");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DestinationWithSecretResponse(DestinationResponse.From(destination), secret));
    }

    private static async Task<Results<Ok<ConnectionTestResponse>, NotFound>> TestAsync(
        Guid id, DeliveryDbContext db, WebhookSender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } destination)
        {
            return TypedResults.NotFound();
        }

        var payload = new JsonObject
        {
            ["type"] = "destination.test",
            ["timestamp"] = time.GetUtcNow(),
            ["data"] = new JsonObject { ["destination_id"] = destination.Id },
        }.ToJsonString();
        var outcome = await sender.SendAsync(destination.Url, destination.ProtectedSecret, $"test_{Guid.CreateVersion7():N}", payload, cancellationToken);
        return TypedResults.Ok(new ConnectionTestResponse(
            outcome.Succeeded, outcome.Status, outcome.Error ?? (outcome.Succeeded ? null : $"HTTP {outcome.Status}"), (int)outcome.Duration.TotalMilliseconds));
    }
}
