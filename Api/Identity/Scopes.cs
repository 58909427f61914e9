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

    /// <summary>A producer's: submit delivery requests to the organization's destinations, nothing else.</summary>
    public const string DeliveriesWrite = "deliveries:write";

    /// <summary>Tenant administration: API clients, users, the organization and its audit log.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// The platform operator's: create, list, suspend and reactivate organizations (<c>/api/v1/platform</c>).
    /// Not a tenant scope: portal roles never carry it, and only a client that holds it may give it to another.
    /// </summary>
    public const string Platform = "platform:admin";

    /// <summary>What a merchant's clients and users may hold.</summary>
    public static IReadOnlyList<string> Tenant { get; } =
        [CatalogRead, CatalogWrite, OrdersRead, OrdersWrite, DownloadsAdmin, DeliveriesAdmin, DeliveriesWrite, Admin];

    /// <summary>Every scope the token server knows: the tenant scopes and the platform's.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Tenant, Platform];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
