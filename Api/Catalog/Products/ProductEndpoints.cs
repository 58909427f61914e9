using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog.Common;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalDelivery.Api.Catalog.Products;

/// <summary>/api/v1/products: the tenant's products. Updates need If-Match (the version as ETag).</summary>
public static class ProductEndpoints
{
    // PUT and PATCH share UpdateAsync through lambdas, which carry no method attributes.
    private static readonly ProblemResponsesAttribute UpdateProblems = new(
        StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);

    private const string SkuIndex = "ux_products_organization_id_normalized_sku";
    private static readonly IReadOnlyCollection<string> SortFields = Paging.Sorts("created_at", "name", "sku", "price_minor");

    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/products")
            .WithTags("Products")
            .RequireAuthorization(Scopes.CatalogRead)
            .RequireRateLimiting(RateLimitPolicies.WritesPerClient)
            .WithAuditTrail("product");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.CatalogWrite);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}", (Guid id, ProductRequest request, HttpContext http, ProductServices services, CancellationToken ct) =>
            UpdateAsync(id, request, partial: false, http, services, ct)).RequireAuthorization(Scopes.CatalogWrite).WithMetadata(UpdateProblems);
        group.MapPatch("/{id:guid}", (Guid id, ProductRequest request, HttpContext http, ProductServices services, CancellationToken ct) =>
            UpdateAsync(id, request, partial: true, http, services, ct)).RequireAuthorization(Scopes.CatalogWrite).WithMetadata(UpdateProblems);
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Scopes.CatalogWrite);
        return app;
    }

    private static async Task<Results<Ok<PageResponse<ProductResponse>>, ValidationProblem>> ListAsync(
        DeliveryDbContext db,
        string? status,
        string? type,
        string? q,
        string? sort,
        int? page,
        [FromQuery(Name = "page_size")] int? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = Paging.Validate(page, pageSize, sort, SortFields) ?? [];
        if (status is not null && !ProductStatuses.All.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", ProductStatuses.All)}."];
        }

        if (type is not null && !ProductTypes.All.Contains(type))
        {
            errors["type"] = [$"type must be one of {string.Join(", ", ProductTypes.All)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Set<Product>().AsNoTracking();
        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        if (type is not null)
        {
            query = query.Where(p => p.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{Files.FileEndpoints.EscapeLike(q.Trim())}%";
            query = query.Where(p => EF.Functions.ILike(p.Name, pattern, "\\") || EF.Functions.ILike(p.Sku, pattern, "\\"));
        }

        query = (sort ?? "-created_at") switch
        {
            "created_at" => query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            "name" => query.OrderBy(p => p.Name).ThenBy(p => p.Id),
            "-name" => query.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            "sku" => query.OrderBy(p => p.NormalizedSku),
            "-sku" => query.OrderByDescending(p => p.NormalizedSku),
            "price_minor" => query.OrderBy(p => p.PriceMinor).ThenBy(p => p.Id),
            "-price_minor" => query.OrderByDescending(p => p.PriceMinor).ThenBy(p => p.Id),
            _ => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };
        return TypedResults.Ok(await Paging.PageAsync(query, page, pageSize, ProductResponse.From, cancellationToken));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> GetAsync(Guid id, HttpContext http, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        Preconditions.SetETag(http, product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    [ProblemResponses(StatusCodes.Status409Conflict)]
    private static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ProductRequest request, HttpContext http, ProductServices services, ITenantContext tenant, CancellationToken cancellationToken)
    {
        var validation = ProductValidation.Validate(request, partial: false);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var now = services.Time.GetUtcNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = tenant.OrganizationId!.Value,
            Sku = request.Sku!,
            NormalizedSku = Product.Normalize(request.Sku!),
            Name = request.Name!.Trim(),
            Description = request.Description,
            Type = request.Type!,
            PriceMinor = request.PriceMinor!.Value,
            Currency = request.Currency!,
            Status = ProductStatuses.Draft,
            StockLimit = request.StockLimit,
            AssetUpdatePolicy = request.AssetUpdatePolicy ?? AssetUpdatePolicies.Latest,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // A new product has no assets, so it may start active; readiness only matters once files are attached.
        product.Status = request.Status ?? ProductStatuses.Draft;
        services.Db.Add(product);
        services.Audit.Record(CatalogAuditActions.ProductCreated, "product", product.Id.ToString(), Describe(product));
        if (await SaveAsync(services.Db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        Preconditions.SetETag(http, product.Version);
        return TypedResults.Created($"/api/v1/products/{product.Id}", ProductResponse.From(product));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ProductRequest request, bool partial, HttpContext http, ProductServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var product = await db.Set<Product>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.Check(http.Request, product.Version) is { } precondition)
        {
            return precondition;
        }

        var validation = ProductValidation.Validate(request, partial);
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var before = Describe(product);
        if (partial)
        {
            Patch(product, request);
        }
        else
        {
            Replace(product, request);
        }

        if (product.Status == ProductStatuses.Active && await NotCleanAssetsAsync(db, id, cancellationToken) is { Count: > 0 } notClean)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: ProblemTypes.ProductNotReady,
                title: "The product cannot be active yet.",
                detail: "Every asset of an active product must be a Clean (virus-scanned) file; wait for the scans or replace the files.",
                extensions: new Dictionary<string, object?> { ["assets_not_clean"] = notClean });
        }

        product.UpdatedAt = services.Time.GetUtcNow();
        product.Version++;
        services.Audit.Record(CatalogAuditActions.ProductUpdated, "product", product.Id.ToString(), $"{before} -> {Describe(product)}");
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        Preconditions.SetETag(http, product.Version);
        return TypedResults.Ok(ProductResponse.From(product));
    }

    [ProblemResponses(StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)]
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext http, ProductServices services, CancellationToken cancellationToken)
    {
        var product = await services.Db.Set<Product>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return TypedResults.NotFound();
        }

        if (product.Status != ProductStatuses.Draft)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                detail: "Only draft products can be deleted; archive an active product instead (buyers keep their downloads).");
        }

        if (http.Request.Headers.IfMatch.Count > 0 && Preconditions.Check(http.Request, product.Version) is { } precondition)
        {
            return precondition;
        }

        services.Db.Remove(product);
        services.Audit.Record(CatalogAuditActions.ProductDeleted, "product", product.Id.ToString(), Describe(product));
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Ids of the product's assets whose current file is not Clean.</summary>
    internal static Task<List<Guid>> NotCleanAssetsAsync(DeliveryDbContext db, Guid productId, CancellationToken cancellationToken) =>
        db.Set<DigitalAsset>().Where(a => a.ProductId == productId)
            .Join(db.Set<CatalogFile>(), a => a.CurrentFileId, f => f.Id, (a, f) => new { a.Id, f.Status })
            .Where(x => x.Status != FileStatuses.Clean)
            .Select(x => x.Id)
            .ToListAsync(cancellationToken);

    private static void Replace(Product product, ProductRequest request)
    {
        product.Sku = request.Sku!;
        product.NormalizedSku = Product.Normalize(request.Sku!);
        product.Name = request.Name!.Trim();
        product.Description = request.Description;
        product.Type = request.Type!;
        product.PriceMinor = request.PriceMinor!.Value;
        product.Currency = request.Currency!;
        product.Status = request.Status ?? product.Status;
        product.StockLimit = request.StockLimit;
        product.AssetUpdatePolicy = request.AssetUpdatePolicy ?? product.AssetUpdatePolicy;
    }

    private static void Patch(Product product, ProductRequest request)
    {
        if (request.Sku is not null)
        {
            product.Sku = request.Sku;
            product.NormalizedSku = Product.Normalize(request.Sku);
        }

        product.Name = request.Name?.Trim() ?? product.Name;
        product.Description = request.Description ?? product.Description;
        product.Type = request.Type ?? product.Type;
        product.PriceMinor = request.PriceMinor ?? product.PriceMinor;
        product.Currency = request.Currency ?? product.Currency;
        product.Status = request.Status ?? product.Status;
        product.StockLimit = request.StockLimit ?? product.StockLimit;
        product.AssetUpdatePolicy = request.AssetUpdatePolicy ?? product.AssetUpdatePolicy;
    }

    /// <summary>Saves; a duplicate SKU becomes 409 and a lost race on the version 412.</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(DeliveryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Stale();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SkuIndex })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.DuplicateSku,
                title: "The SKU is taken.", detail: "Another product of this organization already has this SKU (SKUs are compared ignoring case).");
        }
    }

    private static string Describe(Product p) =>
        $"sku={p.Sku}; name={p.Name}; type={p.Type}; price={p.PriceMinor} {p.Currency}; status={p.Status}; stock_limit={p.StockLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
}
