using System.Security.Cryptography;

namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// The git-ignored folder that holds the executable stores' data and generated secrets: <c>.local/</c> at the
/// repository root unless <c>Stores:LocalDirectory</c> names another (tests use a scratch folder). A store's
/// password is generated on first use and kept beside its data, because PostgreSQL fixes it at initdb.
/// </summary>
public sealed class LocalState
{
    private LocalState(string root)
    {
        Root = root;
        Directory.CreateDirectory(SecretsDirectory);
        OwnerOnly(SecretsDirectory, UnixFileMode.UserExecute);
    }

    public string Root { get; }

    public string SecretsDirectory => Path.Combine(Root, "secrets");

    public static LocalState From(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Stores:LocalDirectory"];
        var root = string.IsNullOrEmpty(configured)
            ? Path.Combine(Path.GetDirectoryName(builder.AppHostDirectory.TrimEnd(Path.DirectorySeparatorChar))!, ".local")
            : Path.GetFullPath(configured);
        return new LocalState(root);
    }

    /// <summary>The data folder of one store, created on first use.</summary>
    public string DataDirectory(string store) => Directory.CreateDirectory(Path.Combine(Root, store)).FullName;

    public string SecretPath(string name) => Path.Combine(SecretsDirectory, name + ".password");

    public bool HasSecret(string name) => File.Exists(SecretPath(name));

    /// <summary>The kept secret <paramref name="name"/> (<c>secrets/{name}.password</c>), generated on first use.</summary>
    public string Secret(string name)
    {
        var path = SecretPath(name);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } kept)
        {
            return kept;
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // The folder is the owner's alone (mode 700), so the file is never readable by others, even before chmod.
        File.WriteAllText(path, secret);
        OwnerOnly(path);
        return secret;
    }

    /// <summary>A secret as an Aspire parameter, so it shows (masked) in the dashboard and flows like any other.</summary>
    public IResourceBuilder<ParameterResource> SecretParameter(IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter($"{name}-password", () => Secret(name), secret: true);

    /// <summary>Mode 600 (700 with execute) where the file system has Unix modes.</summary>
    public static void OwnerOnly(string path, UnixFileMode extra = UnixFileMode.None)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        }
    }
}
