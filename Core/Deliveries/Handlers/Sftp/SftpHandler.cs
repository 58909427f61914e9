using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DigitalDelivery.Core.Deliveries.Handlers.Network;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DigitalDelivery.Core.Deliveries.Handlers.Sftp;

/// <summary>
/// SFTP destinations: each payload uploaded under a temporary name beside its final one and renamed over it, so a
/// receiver polling the directory never picks up a half-written file and a retried attempt replaces its own file.
/// A delivery's files are streamed from the catalog's Blob storage, in the same way, into a folder beside the payload
/// before the payload itself, so the payload appearing means every file it lists is complete.
/// The connection goes to the address <see cref="OutboundConnector"/> checked; what authenticates the server is the
/// pinned host key, not its name. The test uploads a probe the same way and deletes it.
/// </summary>
internal sealed partial class SftpHandler(OutboundConnector connector, DeliveryFileContent files, TimeProvider time) : IDestinationHandler
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(60);

    public string Type => Destinations.DestinationTypes.Sftp;

    public SecretUse Secret => SecretUse.Required;

    public object? ParseConfig(JsonElement config, string? secret, IDictionary<string, string[]> errors)
    {
        var parsed = DestinationConfigJson.Parse<SftpConfig>(config, errors);
        if (parsed is null)
        {
            return null;
        }

        if (parsed.Host is not { Length: > 0 and <= 253 } host || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            errors["config.host"] = ["config.host must be the server's host name or IP address (no scheme, no port)."];
        }

        if (parsed.Port is < 1 or > 65535)
        {
            errors["config.port"] = ["config.port must be between 1 and 65535."];
        }

        if (parsed.Username is not { Length: > 0 and <= 128 } username || username.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors["config.username"] = ["config.username must have 1 to 128 characters without spaces."];
        }

        if (parsed.Auth is not (SftpConfig.Password or SftpConfig.Key))
        {
            errors["config.auth"] = [$"config.auth must be {SftpConfig.Password} or {SftpConfig.Key}."];
        }
        else if (parsed.Auth == SftpConfig.Key && secret is not null && !IsPrivateKey(secret))
        {
            // Never the key itself, nor the parser's message, which may quote it.
            errors["secret"] = ["secret must be an unencrypted private key in OpenSSH or PEM form (-----BEGIN ... PRIVATE KEY-----); it could not be read."];
        }

        if (parsed.Directory is not { Length: > 0 and <= 1024 } directory || !directory.StartsWith('/') || directory.Any(c => char.IsControl(c) || c == '\\')
            || directory.Split('/').Any(segment => segment is "." or ".."))
        {
            errors["config.directory"] = ["config.directory must be an absolute remote path such as /incoming/orders, without '.' or '..' segments."];
        }

        if (ObjectNames.Problem(parsed.PathTemplate) is { } problem)
        {
            errors["config.path_template"] = [problem];
        }

        if (parsed.FilePermissions is { } permissions && !Permissions().IsMatch(permissions))
        {
            errors["config.file_permissions"] = ["config.file_permissions must be an octal mode such as 0640."];
        }

        var pin = SftpHostKeyPin.Normalize(parsed.HostKeySha256);
        if (pin is not null && !Fingerprint().IsMatch(pin))
        {
            errors["config.host_key_sha256"] = ["config.host_key_sha256 must be the host key's fingerprint as ssh-keygen -lf prints it: SHA256: and 43 base64 characters."];
        }

        return errors.Count == 0
            ? parsed with { Directory = parsed.Directory.Length > 1 ? parsed.Directory.TrimEnd('/') : parsed.Directory, HostKeySha256 = pin }
            : null;
    }

    public Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var config = target.ConfigAs<SftpConfig>();
        var path = RemotePath(config, ObjectNames.Render(config.PathTemplate, delivery));
        return RunAsync(config, target.Secret!, async (client, ct) =>
        {
            foreach (var file in delivery.Files)
            {
                await using var content = await files.OpenReadAsync(file, ct);
                await UploadAsync(client, config, ObjectNames.ForFile(path, file), content, ct);
            }

            await UploadAsync(client, config, path, delivery.Payload, ct);
            return path;
        }, cancellationToken);
    }

    public Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken)
    {
        var config = target.ConfigAs<SftpConfig>();
        var test = OutgoingDelivery.Test(target.Destination.Id, time.GetUtcNow());
        var path = RemotePath(config, ObjectNames.Probe(test));
        return RunAsync(config, target.Secret!, async (client, ct) =>
        {
            await UploadAsync(client, config, path, test.Payload, ct);
            await client.DeleteFileAsync(path, ct);
            try
            {
                await client.DeleteDirectoryAsync(Parent(path), ct);
            }
            catch (SshException)
            {
                // Not empty (another test's probe is in it) or not ours to remove: the probe itself is gone.
            }

            return null;
        }, cancellationToken);
    }

    private async Task<DeliveryOutcome> RunAsync(SftpConfig config, string secret, Func<SftpClient, CancellationToken, Task<string?>> work, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pin = new SftpHostKeyPin(config.HostKeySha256);
        try
        {
            var addresses = await connector.ResolveAsync(config.Host, cancellationToken);
            using var key = config.Auth == SftpConfig.Key ? ReadKey(secret) : null;
            using AuthenticationMethod method = key is not null
                ? new PrivateKeyAuthenticationMethod(config.Username, key)
                : new PasswordAuthenticationMethod(config.Username, secret);
            using var client = await ConnectAsync(addresses, config, method, pin, cancellationToken);
            var result = await work(client, cancellationToken);
            client.Disconnect();
            return DeliveryOutcome.Delivered(Stopwatch.GetElapsedTime(started), result);
        }
        catch (OutboundAddressRefusedException ex)
        {
            return DeliveryOutcome.Permanent(ex.Message, Stopwatch.GetElapsedTime(started));
        }
        catch (SshException) when (pin.Mismatched)
        {
            return DeliveryOutcome.Permanent($"host key mismatch: the server presented {pin.Presented}, the destination pins {config.HostKeySha256}", Stopwatch.GetElapsedTime(started));
        }
        catch (SshAuthenticationException ex)
        {
            return DeliveryOutcome.Permanent($"authentication failed for {config.Username}: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
        catch (SftpPermissionDeniedException ex)
        {
            return DeliveryOutcome.Permanent($"permission denied: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
        catch (SftpPathNotFoundException ex)
        {
            return DeliveryOutcome.Permanent($"path not found: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is SocketException or SshException or IOException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused, timed out, dropped, or an SFTP failure the server did not explain (a full disk): may pass later.
            return DeliveryOutcome.Transient($"SFTP {config.Host}:{config.Port}: {ex.Message}", Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<SftpClient> ConnectAsync(IPAddress[] addresses, SftpConfig config, AuthenticationMethod method, SftpHostKeyPin pin, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            var connection = new ConnectionInfo(addresses[i].ToString(), config.Port, config.Username, method) { Timeout = ConnectTimeout };
            var client = new SftpClient(connection) { OperationTimeout = OperationTimeout };
            client.HostKeyReceived += (_, e) => e.CanTrust = pin.Accepts(e.FingerPrintSHA256);
            try
            {
                await client.ConnectAsync(cancellationToken);
                return client;
            }
            catch (Exception ex) when (ex is SocketException or SshOperationTimeoutException && i < addresses.Length - 1)
            {
                client.Dispose();
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }

    private static async Task UploadAsync(SftpClient client, SftpConfig config, string path, string payload, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(payload), writable: false);
        await UploadAsync(client, config, path, content, cancellationToken);
    }

    private static async Task UploadAsync(SftpClient client, SftpConfig config, string path, Stream content, CancellationToken cancellationToken)
    {
        await EnsureDirectoryAsync(client, Parent(path), cancellationToken);

        // Hidden and with a suffix receivers do not match, in the same directory so the rename is atomic.
        var slash = path.LastIndexOf('/');
        var temporary = $"{path[..(slash + 1)]}.{path[(slash + 1)..]}.{Guid.NewGuid():N}.part";
        try
        {
            await client.UploadFileAsync(content, temporary, cancellationToken);

            if (config.FilePermissions is { } permissions)
            {
                // Before the rename, so the final name never exists with the wrong mode. SSH.NET reads the short's
                // decimal digits as octal digits (640 is rw-r-----).
                client.ChangePermissions(temporary, short.Parse(permissions[^3..], System.Globalization.CultureInfo.InvariantCulture));
            }

            await RenameOverAsync(client, temporary, path, cancellationToken);
        }
        catch (SshException) when (client.IsConnected)
        {
            try
            {
                await client.DeleteFileAsync(temporary, cancellationToken);
            }
            catch (SshException)
            {
                // Never written, or the server refuses: the original failure is the one to report.
            }

            throw;
        }
    }

    private static async Task RenameOverAsync(SftpClient client, string from, string to, CancellationToken cancellationToken)
    {
        try
        {
            // OpenSSH's posix-rename replaces an existing file atomically; plain SFTP rename refuses to.
            client.RenameFile(from, to, isPosix: true);
        }
        catch (NotSupportedException)
        {
            if (await client.ExistsAsync(to, cancellationToken))
            {
                await client.DeleteFileAsync(to, cancellationToken);
            }

            await client.RenameFileAsync(from, to, cancellationToken);
        }
    }

    private static async Task EnsureDirectoryAsync(SftpClient client, string directory, CancellationToken cancellationToken)
    {
        if (await client.ExistsAsync(directory, cancellationToken))
        {
            return;
        }

        var current = string.Empty;
        foreach (var segment in directory.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + segment;
            if (await client.ExistsAsync(current, cancellationToken))
            {
                continue;
            }

            try
            {
                await client.CreateDirectoryAsync(current, cancellationToken);
            }
            catch (SshException ex) when (ex is not SftpPermissionDeniedException)
            {
                // Another delivery to the same destination may have made it a moment ago.
                if (!await client.ExistsAsync(current, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private static string RemotePath(SftpConfig config, string name) => config.Directory == "/" ? "/" + name : $"{config.Directory}/{name}";

    private static string Parent(string path) => path[..path.LastIndexOf('/')] is { Length: > 0 } parent ? parent : "/";

    private static PrivateKeyFile ReadKey(string secret)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(secret.Trim() + "\n"), writable: false);
        return new PrivateKeyFile(stream);
    }

    private static bool IsPrivateKey(string secret)
    {
        try
        {
            using var key = ReadKey(secret);
            return true;
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException
            or System.Security.Cryptography.CryptographicException or IndexOutOfRangeException or InvalidDataException)
        {
            return false;
        }
    }

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex Permissions();

    [GeneratedRegex("^SHA256:[A-Za-z0-9+/]{43}$")]
    private static partial Regex Fingerprint();
}
