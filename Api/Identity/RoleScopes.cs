using DigitalDelivery.Core.Identity;

namespace DigitalDelivery.Api.Identity;

/// <summary>What a portal user's role lets their token do.</summary>
public static class RoleScopes
{
    public static IReadOnlyList<string> For(IEnumerable<string> roles)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            scopes.UnionWith(role switch
            {
                PortalRoles.Owner or PortalRoles.Admin => Scopes.Tenant,
                PortalRoles.Support => [Scopes.CatalogRead, Scopes.OrdersRead, Scopes.DownloadsAdmin, Scopes.DeliveriesAdmin],
                PortalRoles.Viewer => [Scopes.CatalogRead, Scopes.OrdersRead],
                _ => [],
            });
        }

        return Scopes.Tenant.Where(scopes.Contains).ToList();
    }
}
