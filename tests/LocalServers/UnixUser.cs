namespace DigitalDelivery.LocalServers;

/// <summary>initdb and postgres refuse to run as root; as root they are run as the postgres user.</summary>
internal static class UnixUser
{
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";
}
