namespace DigitalDelivery.Api.Identity;

/// <summary>
/// OAuth scopes of the Api. Each is also the name of an authorization policy requiring it, so an endpoint
/// says <c>.RequireAuthorization(Scopes.CatalogRead)</c>.
/// </summary>
public static class Scopes
{
    public const string CatalogRead = "catalog:read";
    public const string CatalogWrite = "catalog:write";
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string DownloadsAdmin = "downloads:admin";
    public const string DeliveriesAdmin = "deliveries:admin";

    /// <summary>Tenant administration: API clients, users, the organization and its audit log.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } =
        [CatalogRead, CatalogWrite, OrdersRead, OrdersWrite, DownloadsAdmin, DeliveriesAdmin, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
