namespace DigitalDelivery.LocalServers;

/// <summary>Finds command-line tools the repository installs with npm (node_modules/.bin at its root).</summary>
public static class RepositoryTools
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Find(string tool)
    {
        var path = Path.Combine(RepositoryRoot, "node_modules", ".bin", tool);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"'{path}' is missing; run 'npm ci' at the repository root (scripts/install-prerequisites.sh does).");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigitalDelivery.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder holding DigitalDelivery.sln) was not found.");
    }
}
