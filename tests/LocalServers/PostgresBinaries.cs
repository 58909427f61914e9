namespace DigitalDelivery.LocalServers;

/// <summary>Finds the server binaries of the newest PostgreSQL installed from Debian's packages.</summary>
internal static class PostgresBinaries
{
    private static readonly Lazy<string> BinDirectory = new(() =>
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", "postgres")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql; run scripts/install-prerequisites.sh.");
    });

    public static string Find(string tool) => Path.Combine(BinDirectory.Value, tool);
}
