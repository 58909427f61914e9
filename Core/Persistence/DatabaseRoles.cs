namespace DigitalDelivery.Core.Persistence;

/// <summary>
/// The services run as <see cref="Application"/> (a NOLOGIN role they switch to at connect time with
/// <c>-c role=...</c>), never as the owner that migrates: PostgreSQL exempts superusers from row-level security
/// and table owners are subject to it only under FORCE, so a non-owner role is what makes RLS bind everywhere.
/// </summary>
public static class DatabaseRoles
{
    public const string Application = "digitaldelivery_app";
}
