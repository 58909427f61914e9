using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Catalog.Common;

/// <summary>Page numbers from 1, sizes from 1 to <see cref="MaxPageSize"/> (default <see cref="DefaultPageSize"/>).</summary>
public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static Dictionary<string, string[]>? Validate(int? page, int? pageSize, string? sort, IReadOnlyCollection<string> sorts)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 100_000)
        {
            errors["page"] = ["page must be between 1 and 100000."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["page_size"] = [$"page_size must be between 1 and {MaxPageSize}."];
        }

        if (sort is not null && !sorts.Contains(sort, StringComparer.Ordinal))
        {
            errors["sort"] = [$"sort must be one of {string.Join(", ", sorts)} (a leading '-' sorts descending)."];
        }

        return errors.Count == 0 ? null : errors;
    }

    public static async Task<PageResponse<TResponse>> PageAsync<TEntity, TResponse>(
        IQueryable<TEntity> query, int? page, int? pageSize, Func<TEntity, TResponse> map, CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PageResponse<TResponse>(items.Select(map).ToList(), number, size, total);
    }

    /// <summary>Both directions of each field: <c>name</c> and <c>-name</c>.</summary>
    public static IReadOnlyCollection<string> Sorts(params string[] fields) => [.. fields, .. fields.Select(f => "-" + f)];
}
