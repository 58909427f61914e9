using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Catalog.Products;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Catalog.Delivery;

/// <summary>
/// Delivery configuration: GET/PUT /api/v1/delivery-defaults (the tenant's defaults) and GET/PUT
/// /api/v1/products/{id}/delivery-config (a product's overrides plus the effective result). Both are versioned
/// (version 0 = nothing stored yet; PUT with If-Match "0" creates).
/// </summary>
public static class DeliveryConfigEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryConfigEndpoints(this IEndpointRouteBuilder app)
    {
        var defaults = app.MapGroup("/api/v1/delivery-defaults")
            .WithTags("Delivery configuration")
            .RequireAuthorization(Scopes.CatalogRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("delivery_defaults");
        defaults.MapGet("/", GetDefaultsAsync);
        defaults.MapPut("/", PutDefaultsAsync).RequireAuthorization(Scopes.CatalogWrite);

        var product = app.MapGroup("/api/v1/products/{id:guid}/delivery-config")
            .WithTags("Delivery configuration")
            .RequireAuthorization(Scopes.CatalogRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("product");
        product.MapGet("/", GetProductAsync);
        product.MapPut("/", PutProductAsync).RequireAuthorization(Scopes.CatalogWrite);
        return app;
    }

    private static async Task<Ok<DeliveryDefaultsResponse>> GetDefaultsAsync(HttpContext http, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Set<DeliveryDefaults>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var version = stored?.Version ?? 0;
        Preconditions.SetETag(http, version);
        return TypedResults.Ok(new DeliveryDefaultsResponse(
            Body(stored is null ? DeliverySettings.BuiltIn : DeliverySettings.From(stored)), stored is null, version));
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Ok<DeliveryDefaultsResponse>, ValidationProblem, ProblemHttpResult>> PutDefaultsAsync(
        DeliveryConfigBody request, HttpContext http, ProductServices services, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var stored = await db.Set<DeliveryDefaults>().SingleOrDefaultAsync(cancellationToken);
        if (Preconditions.Check(http.Request, stored?.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        var validation = Validate(request, required: true);
        if (validation.IsValid && request.Retry!.BaseDelaySeconds > request.Retry.MaxDelaySeconds)
        {
            validation.Add("retry.base_delay_seconds", "retry.base_delay_seconds may not exceed retry.max_delay_seconds.");
        }

        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        if (stored is null)
        {
            stored = new DeliveryDefaults { OrganizationId = tenant.OrganizationId!.Value, Version = 0 };
            db.Add(stored);
        }

        stored.AutoFulfillOnPayment = request.AutoFulfillOnPayment!.Value;
        stored.Destinations = [.. request.Destinations!.Distinct(StringComparer.Ordinal)];
        stored.RetryMaxAttempts = request.Retry!.MaxAttempts!.Value;
        stored.RetryBaseDelaySeconds = request.Retry.BaseDelaySeconds!.Value;
        stored.RetryMaxDelaySeconds = request.Retry.MaxDelaySeconds!.Value;
        stored.UpdatedAt = services.Time.GetUtcNow();
        stored.Version++;
        services.Audit.Record(CatalogAuditActions.DeliveryDefaultsUpdated, "delivery_defaults", stored.OrganizationId.ToString(), Describe(request));
        if (await SaveAsync(db, cancellationToken) is { } stale)
        {
            return stale;
        }

        Preconditions.SetETag(http, stored.Version);
        return TypedResults.Ok(new DeliveryDefaultsResponse(Body(DeliverySettings.From(stored)), false, stored.Version));
    }

    private static async Task<Results<Ok<ProductDeliveryConfigResponse>, NotFound>> GetProductAsync(
        Guid id, HttpContext http, DeliveryDbContext db, DeliveryConfigurations configurations, CancellationToken cancellationToken)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var overrides = await db.Set<ProductDeliveryConfig>().AsNoTracking().SingleOrDefaultAsync(c => c.ProductId == id, cancellationToken);
        var effective = await configurations.GetEffectiveAsync(id, cancellationToken);
        Preconditions.SetETag(http, overrides?.Version ?? 0);
        return TypedResults.Ok(new ProductDeliveryConfigResponse(id, Overrides(overrides), Body(effective), overrides?.Version ?? 0));
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Ok<ProductDeliveryConfigResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PutProductAsync(
        Guid id, DeliveryConfigBody request, HttpContext http, ProductServices services, DeliveryConfigurations configurations,
        CancellationToken cancellationToken)
    {
        var db = services.Db;
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        var stored = await db.Set<ProductDeliveryConfig>().SingleOrDefaultAsync(c => c.ProductId == id, cancellationToken);
        if (Preconditions.Check(http.Request, stored?.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        var validation = Validate(request, required: false);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        if (stored is null)
        {
            stored = new ProductDeliveryConfig { ProductId = id, OrganizationId = product.OrganizationId, Version = 0 };
            db.Add(stored);
        }

        stored.AutoFulfillOnPayment = request.AutoFulfillOnPayment;
        stored.Destinations = request.Destinations?.Distinct(StringComparer.Ordinal).ToArray();
        stored.RetryMaxAttempts = request.Retry?.MaxAttempts;
        stored.RetryBaseDelaySeconds = request.Retry?.BaseDelaySeconds;
        stored.RetryMaxDelaySeconds = request.Retry?.MaxDelaySeconds;
        var effective = (await configurations.GetTenantDefaultsAsync(cancellationToken)).Apply(stored);
        if (effective.RetryBaseDelay > effective.RetryMaxDelay)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["retry.base_delay_seconds"] = ["The effective base delay (override or tenant default) may not exceed the effective max delay."],
            });
        }

        stored.UpdatedAt = services.Time.GetUtcNow();
        stored.Version++;
        services.Audit.Record(CatalogAuditActions.DeliveryConfigUpdated, "product", id.ToString(), Describe(request));
        if (await SaveAsync(db, cancellationToken) is { } stale)
        {
            return stale;
        }

        Preconditions.SetETag(http, stored.Version);
        return TypedResults.Ok(new ProductDeliveryConfigResponse(id, Overrides(stored), Body(effective), stored.Version));
    }

    private static Validation Validate(DeliveryConfigBody request, bool required)
    {
        var v = new Validation();
        if (required)
        {
            v.Require(request.AutoFulfillOnPayment is not null, "auto_fulfill_on_payment", "auto_fulfill_on_payment is required.");
            v.Require(request.Destinations is not null, "destinations", "destinations is required (it may be empty).");
            v.Require(request.Retry is { MaxAttempts: not null, BaseDelaySeconds: not null, MaxDelaySeconds: not null }, "retry",
                "retry is required with max_attempts, base_delay_seconds and max_delay_seconds.");
        }

        if (request.Destinations is { } destinations)
        {
            v.Require(destinations.Length <= DeliveryDestinations.MaxCount, "destinations", $"At most {DeliveryDestinations.MaxCount} destinations.");
            v.Require(destinations.All(DeliveryDestinations.IsValid), "destinations",
                "Each destination is 'email' (the customer's access mail), a destination type (webhook, storage, sftp, download: all of that type) or a type and a destination's name, such as 'webhook:erp' or 'email:accounting'.");
        }

        v.Require(request.Retry?.MaxAttempts is null or (>= 1 and <= 50), "retry.max_attempts", "retry.max_attempts must be 1 to 50.");
        v.Require(request.Retry?.BaseDelaySeconds is null or (>= 1 and <= 86_400), "retry.base_delay_seconds", "retry.base_delay_seconds must be 1 to 86400.");
        v.Require(request.Retry?.MaxDelaySeconds is null or (>= 1 and <= 604_800), "retry.max_delay_seconds", "retry.max_delay_seconds must be 1 to 604800.");
        return v;
    }

    private static async Task<ProblemHttpResult?> SaveAsync(DeliveryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException
            || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent first save of the same row (both saw version 0) loses on the primary key.
            return Preconditions.Stale();
        }
    }

    private static DeliveryConfigBody Body(DeliverySettings s) => new(
        s.AutoFulfillOnPayment, [.. s.Destinations],
        new RetryBody(s.RetryMaxAttempts, (int)s.RetryBaseDelay.TotalSeconds, (int)s.RetryMaxDelay.TotalSeconds));

    private static DeliveryConfigBody Overrides(ProductDeliveryConfig? c) => c is null
        ? new DeliveryConfigBody(null, null, null)
        : new DeliveryConfigBody(c.AutoFulfillOnPayment, c.Destinations,
            c.RetryMaxAttempts is null && c.RetryBaseDelaySeconds is null && c.RetryMaxDelaySeconds is null
                ? null
                : new RetryBody(c.RetryMaxAttempts, c.RetryBaseDelaySeconds, c.RetryMaxDelaySeconds));

    private static string Describe(DeliveryConfigBody b) =>
        $"auto_fulfill={b.AutoFulfillOnPayment?.ToString() ?? "inherit"}; destinations={(b.Destinations is null ? "inherit" : string.Join(',', b.Destinations))}; " +
        $"retry={b.Retry?.MaxAttempts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inherit"}/{b.Retry?.BaseDelaySeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inherit"}s/{b.Retry?.MaxDelaySeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inherit"}s";
}
