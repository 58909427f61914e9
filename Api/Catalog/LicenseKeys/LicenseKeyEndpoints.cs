using System.Text;
using System.Text.Json;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Catalog.Products;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Catalog.LicenseKeys;

/// <summary>
/// /api/v1/products/{id}/license-keys: import (text/plain one per line, text/csv first column, or JSON
/// {"keys": [...]}), masked listing, counts, and the pool's low-stock threshold. Only products of type
/// license_key or bundle have keys.
/// </summary>
public static class LicenseKeyEndpoints
{
    public const int MaxKeysPerImport = 10_000;
    private const long MaxImportBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapLicenseKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/products/{id:guid}/license-keys")
            .WithTags("License keys")
            .RequireAuthorization(Scopes.CatalogRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("product");
        group.MapGet("/", ListAsync);
        group.MapGet("/counts", CountsAsync);
        group.MapPost("/import", ImportAsync).RequireAuthorization(Scopes.CatalogWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        group.MapPut("/settings", PutSettingsAsync).RequireAuthorization(Scopes.CatalogWrite);
        return app;
    }

    private static async Task<Results<Ok<PageResponse<LicenseKeyResponse>>, NotFound, ValidationProblem>> ListAsync(
        Guid id, string? status, int? page, [FromQuery(Name = "page_size")] int? pageSize, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, null, []) ?? [];
        if (status is not null and not ("available" or "assigned"))
        {
            errors["status"] = ["status must be available or assigned."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Set<Product>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var query = db.Set<LicenseKey>().AsNoTracking().Where(k => k.ProductId == id);
        query = status switch
        {
            "available" => query.Where(k => k.AssignedAt == null),
            "assigned" => query.Where(k => k.AssignedAt != null),
            _ => query,
        };
        return TypedResults.Ok(await Paging.PageAsync(query.OrderBy(k => k.Id), page, pageSize,
            k => new LicenseKeyResponse(k.Id, LicenseKeyCodec.Mask(k.Hint), k.AssignedAt is null ? "available" : "assigned", k.ImportedAt, k.AssignedAt, k.AssignedTo),
            cancellationToken));
    }

    private static async Task<Results<Ok<LicenseKeyCountsResponse>, NotFound>> CountsAsync(
        Guid id, HttpContext http, DeliveryDbContext db, LicenseKeyPools pools, CancellationToken cancellationToken)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var pool = await pools.FindAsync(id, cancellationToken);
        var counts = await pools.CountAsync(id, pool?.LowStockThreshold, cancellationToken);
        Preconditions.SetETag(http, pool?.Version ?? 0);
        return TypedResults.Ok(LicenseKeyCountsResponse.From(counts, pool?.Version ?? 0));
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)]
    private static async Task<Results<Ok<ImportResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ImportAsync(
        Guid id, HttpRequest request, ProductServices services, LicenseKeyPools pools, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        if (product.Type is not (ProductTypes.LicenseKey or ProductTypes.Bundle))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.WrongProductType,
                title: "This product has no license keys.", detail: "Only products of type license_key or bundle take license keys.");
        }

        ParsedKeys parsed;
        switch (await ReadAsync(request, cancellationToken))
        {
            case (null, var problem):
                return problem!;
            case (var keys, _):
                parsed = keys!;
                break;
        }

        if (parsed.Keys.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["keys"] = ["The import contains no valid key."] });
        }

        if (parsed.Keys.Count > MaxKeysPerImport)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["keys"] = [$"At most {MaxKeysPerImport} keys per import."] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await pools.ImportAsync(id, parsed, cancellationToken);
        services.Audit.Record(CatalogAuditActions.LicenseKeysImported, "product", id.ToString(),
            $"imported={result.Imported}; duplicates={result.Duplicates.Count}; invalid={result.Invalid.Count}; available={result.Counts.Available}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var pool = await pools.FindAsync(id, cancellationToken);
        return TypedResults.Ok(new ImportResponse(
            result.Imported,
            result.Duplicates.Select(d => new ImportLine(d.Line, d.Masked)).ToList(),
            result.Invalid.Select(i => new ImportLine(i.Line, i.Reason)).ToList(),
            LicenseKeyCountsResponse.From(result.Counts, pool?.Version ?? 0)));
    }

    [ProblemResponses(StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Ok<LicenseKeyCountsResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        Guid id, PoolSettingsRequest request, HttpContext http, ProductServices services, LicenseKeyPools pools, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        var current = await pools.FindAsync(id, cancellationToken);
        if (Preconditions.Check(http.Request, current?.Version ?? 0) is { } precondition)
        {
            return precondition;
        }

        if (request.LowStockThreshold is < 0 or > 1_000_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["low_stock_threshold"] = ["low_stock_threshold must be 0 to 1000000, or null for no alert."],
            });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pool = await pools.GetOrCreateLockedAsync(id, cancellationToken);
        if (pool.Version != (current?.Version ?? 1))
        {
            return Preconditions.Stale();
        }

        pool.LowStockThreshold = request.LowStockThreshold;
        pool.UpdatedAt = services.Time.GetUtcNow();
        pool.Version++;
        var counts = await pools.CountAsync(id, pool.LowStockThreshold, cancellationToken);
        services.Audit.Record(CatalogAuditActions.LicenseKeyPoolUpdated, "product", id.ToString(),
            $"low_stock_threshold={pool.LowStockThreshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        await pools.EvaluateLowStockAsync(pool, counts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Preconditions.SetETag(http, pool.Version);
        return TypedResults.Ok(LicenseKeyCountsResponse.From(counts, pool.Version));
    }

    private static async Task<(ParsedKeys? Keys, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return (null, UnsupportedType());
        }

        var type = mediaType.MediaType.Value?.ToLowerInvariant();
        if (type is "application/json")
        {
            try
            {
                // Without the Api's text policy: the parser judges each key and reports a bad one as an invalid
                // line, so one control character does not refuse the whole batch (as for text and CSV imports).
                var body = await request.ReadFromJsonAsync<ImportKeysRequest>(JsonSerializerOptions.Web, cancellationToken);
                return body?.Keys is { } keys
                    ? (LicenseKeyParser.FromList(keys), null)
                    : (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Send {\"keys\": [\"...\"]}."));
            }
            catch (JsonException)
            {
                return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The body is not valid JSON of the form {\"keys\": [...]}."));
            }
        }

        if (type is "text/plain" or "text/csv")
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return (LicenseKeyParser.Parse(text, csv: type == "text/csv"), null);
        }

        return (null, UnsupportedType());
    }

    private static ProblemHttpResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        detail: "Send the keys as text/plain (one per line), text/csv (first column) or application/json {\"keys\": [...]}.");
}
