using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// A real OpenSSH server (Debian's openssh-server, installed by scripts/install-prerequisites.sh) of its own: its
/// own <c>/usr/sbin/sshd -D -e</c> on 127.0.0.1 and a free port, with a host key, config, pid file and authorized
/// keys made in a temporary directory, serving only SFTP (<c>internal-sftp</c>, no shell, no forwarding). Debian's
/// own sshd on port 22, if it runs, is neither used nor touched.
/// <para>
/// Password authentication needs a real account, so the server uses the dedicated unprivileged account
/// <see cref="UserName"/> (no login shell, home /var/lib/dd-sftp-test), created with useradd when missing, and sets
/// a fresh random password on it with chpasswd every start (so a test run never depends on a password someone
/// knows). Key authentication uses the same account with a fresh ed25519 key pair. Only that account may log in,
/// and only to SFTP. Files land in <see cref="Root"/>, owned by the account; there is no chroot, so destinations
/// name absolute paths under it. Needs root (tests run as root here and in CI).
/// </para>
/// </summary>
public sealed class SftpServer : IAsyncDisposable
{
    public const string UserName = "dd-sftp-test";
    private const string Sshd = "/usr/sbin/sshd";
    private const string Home = "/var/lib/dd-sftp-test";

    private readonly ScratchDirectory _directory;
    private ServerProcess? _process;

    private SftpServer(ScratchDirectory directory, int port, string password)
    {
        _directory = directory;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public const string Host = "127.0.0.1";

    /// <summary>This run's password of <see cref="UserName"/>.</summary>
    public string Password { get; }

    /// <summary>The private key (OpenSSH form) whose public half is authorized for <see cref="UserName"/>.</summary>
    public string PrivateKey => File.ReadAllText(_directory.Combine("client_ed25519"));

    /// <summary>The server's host key fingerprint as <c>ssh-keygen -lf</c> prints it (<c>SHA256:...</c>).</summary>
    public string HostKeySha256 { get; private set; } = string.Empty;

    /// <summary>A directory the account owns and may write in; destinations' directories go below it.</summary>
    public string Root => _directory.Combine("files");

    public static async Task<SftpServer> StartAsync()
    {
        if (!UnixUser.IsRoot || !File.Exists(Sshd))
        {
            throw new InvalidOperationException($"The SFTP tests need root and {Sshd} (openssh-server; scripts/install-prerequisites.sh installs it).");
        }

        var server = new SftpServer(new ScratchDirectory("sftp"), FreePort.Next(), Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
        try
        {
            await server.PrepareAsync();
            await server.RunAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The SFTP server runs Debian's OpenSSH.");
        }

        await EnsureAccountAsync(Password);

        // The account reads authorized_keys and writes under files/; the keys stay readable by root only.
        File.SetUnixFileMode(_directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(Root);
        await ServerProcess.RunAsync("chown", "/bin/chown", [$"{UserName}:", Root]);

        await ServerProcess.RunAsync("ssh-keygen", "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dd-sftp-host", "-f", _directory.Combine("host_ed25519")]);
        await ServerProcess.RunAsync("ssh-keygen", "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dd-sftp-client", "-f", _directory.Combine("client_ed25519")]);
        File.Copy(_directory.Combine("client_ed25519.pub"), _directory.Combine("authorized_keys"));
        File.SetUnixFileMode(_directory.Combine("authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        HostKeySha256 = Fingerprint(await File.ReadAllTextAsync(_directory.Combine("host_ed25519.pub")));

        // sshd insists on its privilege separation directory; Debian makes it only when its own service starts.
        Directory.CreateDirectory("/run/sshd");
        await File.WriteAllTextAsync(_directory.Combine("sshd_config"), string.Create(CultureInfo.InvariantCulture, $"""
            ListenAddress {Host}:{Port}
            HostKey {_directory.Combine("host_ed25519")}
            PidFile {_directory.Combine("sshd.pid")}
            AuthorizedKeysFile {_directory.Combine("authorized_keys")}
            UsePAM no
            StrictModes no
            PermitRootLogin no
            AllowUsers {UserName}
            PubkeyAuthentication yes
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PermitEmptyPasswords no
            MaxStartups 100
            LogLevel VERBOSE
            Subsystem sftp internal-sftp
            Match User {UserName}
                ForceCommand internal-sftp
                AllowTcpForwarding no
                AllowAgentForwarding no
                X11Forwarding no
                PermitTTY no

            """));
    }

    private async Task RunAsync()
    {
        _process = ServerProcess.Start("sshd", Sshd, ["-D", "-e", "-f", _directory.Combine("sshd_config")]);
        if (!await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => _process.HasExited))
        {
            throw _process.StartupFailure($"nothing listens on port {Port}");
        }
    }

    /// <summary>A new directory under <see cref="Root"/> owned by root, which the account may read but not write in.</summary>
    public string CreateReadOnlyDirectory()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Unix permissions are Linux's here.");
        }

        return Directory.CreateDirectory(System.IO.Path.Combine(Root, $"read-only-{Guid.NewGuid():N}"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute).FullName;
    }

    /// <summary>Makes the account own <paramref name="directory"/>, as a merchant fixing its drop folder would.</summary>
    public static Task GiveToAccountAsync(string directory) => ServerProcess.RunAsync("chown", "/bin/chown", [$"{UserName}:", directory]);

    /// <summary>The OpenSSH fingerprint of a public key line (<c>type base64 comment</c>): SHA-256 of the key blob, unpadded base64.</summary>
    public static string Fingerprint(string publicKeyLine) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(publicKeyLine.Split(' ')[1]))).TrimEnd('=');

    private static async Task EnsureAccountAsync(string password)
    {
        using (var id = Process.Start(new ProcessStartInfo("/usr/bin/id", ["-u", UserName]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            await id.WaitForExitAsync();
            if (id.ExitCode != 0)
            {
                await ServerProcess.RunAsync("useradd", "/usr/sbin/useradd",
                    ["--system", "--create-home", "--home-dir", Home, "--shell", "/usr/sbin/nologin", "--comment", "DigitalDelivery SFTP tests", UserName]);
            }
        }

        // chpasswd reads name:password from stdin, which keeps the password out of the process list.
        using var chpasswd = Process.Start(new ProcessStartInfo("/usr/sbin/chpasswd") { RedirectStandardInput = true, RedirectStandardError = true })!;
        await chpasswd.StandardInput.WriteLineAsync($"{UserName}:{password}");
        chpasswd.StandardInput.Close();
        var error = await chpasswd.StandardError.ReadToEndAsync();
        await chpasswd.WaitForExitAsync();
        if (chpasswd.ExitCode != 0)
        {
            throw new InvalidOperationException($"chpasswd exited with {chpasswd.ExitCode}: {error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        _directory.Dispose();
    }
}
