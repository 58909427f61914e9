using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

/// <summary>One page of a catalog list as the Api answers it.</summary>
public sealed record CatalogPage<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
