using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Catalog.Products;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Api.Audit;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Catalog.Assets;

/// <summary>
/// /api/v1/products/{id}/assets: the files a product delivers. Replacing a file posts a new version; the asset id
/// stays, the history is kept, and the product's asset_update_policy decides what earlier buyers get.
/// A file can be attached while its scan is pending only to a product that is not active; infected or unscannable
/// files never.
/// </summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/products/{id:guid}/assets")
            .WithTags("Product assets")
            .RequireAuthorization(Scopes.CatalogRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("product");
        group.MapGet("/", ListAsync);
        group.MapPost("/", AttachAsync).RequireAuthorization(Scopes.CatalogWrite);
        group.MapGet("/{assetId:guid}", GetAsync);
        group.MapPut("/{assetId:guid}", UpdateAsync).RequireAuthorization(Scopes.CatalogWrite);
        group.MapDelete("/{assetId:guid}", DeleteAsync).RequireAuthorization(Scopes.CatalogWrite);
        group.MapGet("/{assetId:guid}/versions", ListVersionsAsync);
        group.MapPost("/{assetId:guid}/versions", AddVersionAsync).RequireAuthorization(Scopes.CatalogWrite);
        return app;
    }

    private static async Task<Results<Ok<List<AssetResponse>>, NotFound>> ListAsync(Guid id, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var assets = await db.Set<DigitalAsset>().AsNoTracking().Where(a => a.ProductId == id)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(assets.Select(AssetResponse.From).ToList());
    }

    private static async Task<Results<Ok<AssetResponse>, NotFound>> GetAsync(
        Guid id, Guid assetId, HttpContext http, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var asset = await db.Set<DigitalAsset>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId && a.ProductId == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        Preconditions.SetETag(http, asset.Version);
        return TypedResults.Ok(AssetResponse.From(asset));
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity)]
    private static async Task<Results<Created<AssetResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AttachAsync(
        Guid id, AssetRequest request, HttpContext http, ProductServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var validation = Validate(request).Require(request.FileId is not null, "file_id", "file_id is required: the id of an uploaded file.");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var product = await db.Set<Product>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        var file = await db.Set<CatalogFile>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.FileId, cancellationToken);
        if (Attachable(file, product) is { } refused)
        {
            return refused;
        }

        var now = services.Time.GetUtcNow();
        var asset = new DigitalAsset
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = product.OrganizationId,
            ProductId = product.Id,
            Name = string.IsNullOrWhiteSpace(request.Name) ? file!.FileName : request.Name.Trim(),
            CurrentFileId = file!.Id,
            CurrentVersion = 1,
            MaxDownloads = request.MaxDownloads,
            ExpiresAfterDays = request.ExpiresAfterDays,
            NotifyCustomerOnExpiry = request.NotifyCustomerOnExpiry ?? false,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(asset);
        db.Add(new AssetVersion
        {
            Id = Guid.CreateVersion7(), OrganizationId = asset.OrganizationId, AssetId = asset.Id, Number = 1, FileId = file.Id, CreatedAt = now,
        });
        services.Audit.Record(CatalogAuditActions.AssetAttached, "product", product.Id.ToString(), $"asset={asset.Id}; file={file.Id}; name={asset.Name}");
        await db.SaveChangesAsync(cancellationToken);
        Preconditions.SetETag(http, asset.Version);
        return TypedResults.Created($"/api/v1/products/{product.Id}/assets/{asset.Id}", AssetResponse.From(asset));
    }

    [ProblemResponses(StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Ok<AssetResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, Guid assetId, AssetRequest request, HttpContext http, ProductServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var asset = await db.Set<DigitalAsset>().SingleOrDefaultAsync(a => a.Id == assetId && a.ProductId == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.Check(http.Request, asset.Version) is { } precondition)
        {
            return precondition;
        }

        var validation = Validate(request).Require(!string.IsNullOrWhiteSpace(request.Name), "name", "name is required, at most 200 characters.");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        asset.Name = request.Name!.Trim();
        asset.MaxDownloads = request.MaxDownloads;
        asset.ExpiresAfterDays = request.ExpiresAfterDays;
        asset.NotifyCustomerOnExpiry = request.NotifyCustomerOnExpiry ?? false;
        asset.UpdatedAt = services.Time.GetUtcNow();
        asset.Version++;
        services.Audit.Record(CatalogAuditActions.AssetUpdated, "product", id.ToString(),
            $"asset={asset.Id}; max_downloads={asset.MaxDownloads}; expires_after_days={asset.ExpiresAfterDays}; notify={asset.NotifyCustomerOnExpiry}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }

        Preconditions.SetETag(http, asset.Version);
        return TypedResults.Ok(AssetResponse.From(asset));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, Guid assetId, ProductServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var asset = await db.Set<DigitalAsset>().SingleOrDefaultAsync(a => a.Id == assetId && a.ProductId == id, cancellationToken);
        if (product is null || asset is null)
        {
            return TypedResults.NotFound();
        }

        if (product.Status != ProductStatuses.Draft)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                detail: "Assets can be removed only from draft products: buyers of an active or archived product keep their files. Post a new version instead.");
        }

        db.Remove(asset);
        services.Audit.Record(CatalogAuditActions.AssetRemoved, "product", id.ToString(), $"asset={asset.Id}; name={asset.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<AssetVersionResponse>>, NotFound>> ListVersionsAsync(
        Guid id, Guid assetId, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var asset = await db.Set<DigitalAsset>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId && a.ProductId == id, cancellationToken);
        if (asset is null)
        {
            return TypedResults.NotFound();
        }

        var versions = await db.Set<AssetVersion>().AsNoTracking().Where(v => v.AssetId == assetId)
            .Join(db.Set<CatalogFile>(), v => v.FileId, f => f.Id, (v, f) => new { v, f.FileName, f.Status })
            .OrderByDescending(x => x.v.Number)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(versions
            .Select(x => new AssetVersionResponse(x.v.Number, x.v.FileId, x.FileName, x.Status, x.v.Note, x.v.CreatedAt, x.v.Number == asset.CurrentVersion))
            .ToList());
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired)]
    private static async Task<Results<Created<AssetResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddVersionAsync(
        Guid id, Guid assetId, NewVersionRequest request, HttpContext http, ProductServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var validation = new Validation()
            .Require(request.FileId is not null, "file_id", "file_id is required: the id of the uploaded replacement.")
            .Require(request.Note is null or { Length: <= 500 }, "note", "note may be at most 500 characters.");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        var asset = await db.Set<DigitalAsset>().SingleOrDefaultAsync(a => a.Id == assetId && a.ProductId == id, cancellationToken);
        if (product is null || asset is null)
        {
            return TypedResults.NotFound();
        }

        // POST creates a version, so If-Match is optional; when sent it guards against a concurrent replacement.
        if (http.Request.Headers.IfMatch.Count > 0 && Preconditions.Check(http.Request, asset.Version) is { } precondition)
        {
            return precondition;
        }

        var file = await db.Set<CatalogFile>().AsNoTracking().SingleOrDefaultAsync(f => f.Id == request.FileId, cancellationToken);
        if (Attachable(file, product) is { } refused)
        {
            return refused;
        }

        var now = services.Time.GetUtcNow();
        asset.CurrentVersion++;
        asset.CurrentFileId = file!.Id;
        asset.UpdatedAt = now;
        asset.Version++;
        db.Add(new AssetVersion
        {
            Id = Guid.CreateVersion7(), OrganizationId = asset.OrganizationId, AssetId = asset.Id, Number = asset.CurrentVersion, FileId = file.Id,
            Note = request.Note, CreatedAt = now,
        });
        services.Audit.Record(CatalogAuditActions.AssetVersionAdded, "product", id.ToString(),
            $"asset={asset.Id}; version={asset.CurrentVersion}; file={file.Id}; policy={product.AssetUpdatePolicy}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Preconditions.Stale();
        }

        Preconditions.SetETag(http, asset.Version);
        return TypedResults.Created($"/api/v1/products/{id}/assets/{asset.Id}/versions", AssetResponse.From(asset));
    }

    /// <summary>Null when the file may be attached to the product; otherwise why not.</summary>
    internal static ProblemHttpResult? Attachable(CatalogFile? file, Product product) => file switch
    {
        null => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.UnknownFile,
            title: "The file does not exist.", detail: "file_id names no file of this organization. Upload the file first."),
        { Status: FileStatuses.Clean } => null,
        { Status: FileStatuses.Pending } when product.Status != ProductStatuses.Active => null,
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.FileNotClean,
            title: "The file is not cleared for sale.",
            detail: file.Status switch
            {
                FileStatuses.Infected => "The file was found infected and is quarantined; it can never be attached or downloaded.",
                FileStatuses.ScanFailed => "The file could not be virus-scanned; upload it again (files over the scanner's limit cannot be sold).",
                _ => "The product is active and the file's virus scan has not finished; only Clean files can be attached to an active product.",
            },
            extensions: new Dictionary<string, object?> { ["file_status"] = file.Status }),
    };

    private static Validation Validate(AssetRequest request) => new Validation()
        .Require(request.Name is null or { Length: <= 200 }, "name", "name may be at most 200 characters.")
        .Require(request.MaxDownloads is null or (>= 1 and <= 10_000), "max_downloads", "max_downloads must be 1 to 10000, or null for unlimited.")
        .Require(request.ExpiresAfterDays is null or (>= 1 and <= 3650), "expires_after_days", "expires_after_days must be 1 to 3650, or null for never.");
}
