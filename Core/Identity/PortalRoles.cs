namespace DigitalDelivery.Core.Identity;

/// <summary>The fixed roles of portal users; the migration inserts them.</summary>
public static class PortalRoles
{
    public const string Owner = "Owner";
    public const string Admin = "Admin";

    /// <summary>Reads, revokes and resends; changes no catalog or configuration.</summary>
    public const string Support = "Support";

    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Owner, Admin, Support, Viewer];
}
