using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Handlers.Webhook;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Destinations;

/// <summary>
/// The organization's delivery destinations (scope deliveries:admin). Settings are checked by the type's handler;
/// credentials are encrypted at rest and never returned (a webhook's generated signing secret is shown once, when
/// made). The connection test makes a real round trip with the same handler deliveries use and says what came back.
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

    private static readonly TimeSpan DefaultPreviousSecretLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxPreviousSecretLifetime = TimeSpan.FromDays(7);

    private static async Task<Ok<DestinationResponse[]>> ListAsync(DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok((await db.Set<Destination>().AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken))
            .Select(d => DestinationResponse.From(d, now)).ToArray());
    }

    private static async Task<Results<Created<DestinationWithSecretResponse>, ValidationProblem>> CreateAsync(
        DestinationRequest request, DeliveryDbContext db, ITenantContext tenant, DestinationHandlers handlers, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (errors, config) = DestinationValidation.Check(request, handlers, existing: null);
        if (errors.Count > 0 || config is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var generated = handlers.Get(request.Type).Secret == SecretUse.Generated && request.Secret is null ? WebhookSecrets.New() : null;
        var secret = request.Secret ?? generated;
        var destination = new Destination
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = tenant.OrganizationId!.Value,
            Name = request.Name.Trim(),
            Type = request.Type,
            Config = config,
            Events = [.. request.Events.Distinct(StringComparer.Ordinal)],
            ProtectedSecret = secret is null ? null : handlers.Protect(secret),
            Enabled = request.Enabled ?? true,
            MaxAttempts = request.MaxAttempts,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(destination);
        audit.Record(DestinationAuditActions.Created, "destination", destination.Id.ToString(), $"{destination.Type} {destination.Name}; events: {string.Join(' ', destination.Events)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/destinations/{destination.Id}", new DestinationWithSecretResponse(DestinationResponse.From(destination, now), generated));
    }

    private static async Task<Results<Ok<DestinationResponse>, NotFound>> GetAsync(
        Guid id, HttpContext http, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } destination)
        {
            return TypedResults.NotFound();
        }

        Preconditions.SetETag(http, destination.Version);
        return TypedResults.Ok(DestinationResponse.From(destination, time.GetUtcNow()));
    }

    [ProblemResponses(StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Ok<DestinationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, DestinationRequest request, HttpContext http, DeliveryDbContext db, DestinationHandlers handlers, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
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

        var (errors, config) = DestinationValidation.Check(request, handlers, destination);
        if (errors.Count > 0 || config is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        destination.Name = request.Name.Trim();
        destination.Config = config;
        destination.Events = [.. request.Events.Distinct(StringComparer.Ordinal)];
        if (request.Enabled is { } enabled && enabled != destination.Enabled)
        {
            SetEnabled(destination, enabled, http, "disabled with PUT", now);
        }

        destination.MaxAttempts = request.MaxAttempts;
        if (request.Secret is { } secret)
        {
            destination.ProtectedSecret = handlers.Protect(secret);
        }

        destination.UpdatedAt = now;
        destination.Version++;
        audit.Record(DestinationAuditActions.Updated, "destination", destination.Id.ToString(),
            $"{destination.Name}; enabled: {destination.Enabled}; events: {string.Join(' ', destination.Events)}{(request.Secret is null ? "" : "; credential replaced")}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        Preconditions.SetETag(http, destination.Version);
        return TypedResults.Ok(DestinationResponse.From(destination, now));
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
        audit.Record(DestinationAuditActions.Deleted, "destination", destination.Id.ToString(), $"{destination.Type} {destination.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A new signing secret; the previous one keeps signing beside it (two signatures per call) for
    /// <c>previous_valid_hours</c> (default 24, 0 to drop it at once, at most 168), so receivers can switch without a gap.
    /// </summary>
    private static async Task<Results<Ok<DestinationWithSecretResponse>, NotFound, ValidationProblem>> RotateSecretAsync(
        Guid id, [FromQuery(Name = "previous_valid_hours")] int? previousValidHours, DeliveryDbContext db, DestinationHandlers handlers,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return TypedResults.NotFound();
        }

        var keep = previousValidHours is { } hours ? TimeSpan.FromHours(hours) : DefaultPreviousSecretLifetime;
        if (keep < TimeSpan.Zero || keep > MaxPreviousSecretLifetime)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["previous_valid_hours"] = ["previous_valid_hours must be between 0 and 168."] });
        }

        if (handlers.Get(destination.Type).Secret != SecretUse.Generated)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["type"] = [$"Only webhook signing secrets are rotated here; replace a {destination.Type} destination's credential with PUT and secret."],
            });
        }

        var now = time.GetUtcNow();
        var secret = WebhookSecrets.New();
        destination.ProtectedPreviousSecret = keep > TimeSpan.Zero ? destination.ProtectedSecret : null;
        destination.PreviousSecretExpiresAt = keep > TimeSpan.Zero ? now + keep : null;
        destination.ProtectedSecret = handlers.Protect(secret);
        destination.UpdatedAt = now;
        destination.Version++;
        audit.Record(DestinationAuditActions.SecretRotated, "destination", destination.Id.ToString(), $"signing secret rotated; the previous one signs for {keep.TotalHours:0} h");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DestinationWithSecretResponse(DestinationResponse.From(destination, now), secret));
    }

    private static async Task<Results<Ok<ConnectionTestResponse>, NotFound>> TestAsync(
        Guid id, DeliveryDbContext db, DestinationHandlers handlers, CancellationToken cancellationToken)
    {
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } destination)
        {
            return TypedResults.NotFound();
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await handlers.Get(destination.Type).TestAsync(handlers.Open(destination), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // Stored settings the type's rules no longer accept: the test says so instead of failing the request.
            outcome = DeliveryOutcome.Permanent(ex.Message, TimeSpan.Zero);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            outcome = DeliveryOutcome.Permanent("The destination's credential cannot be decrypted with this deployment's Data Protection keys.", TimeSpan.Zero);
        }

        return TypedResults.Ok(ConnectionTestResponse.From(outcome));
    }

    /// <summary>Who stopped a destination and why are kept on it; starting it again clears them and its run of failures.</summary>
    internal static void SetEnabled(Destination destination, bool enabled, HttpContext http, string reason, DateTimeOffset now)
    {
        if (enabled)
        {
            DestinationDisabling.Enable(destination);
        }
        else
        {
            DestinationDisabling.Disable(destination, http.User.GetActorName(), reason, now);
        }
    }
}
