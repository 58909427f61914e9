using System.Globalization;
using MimeKit;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// A real SMTP server on a free loopback port: Debian's python3-aiosmtpd with its Mailbox handler, which stores
/// every message it accepts in a Maildir. Tests read the Maildir (<see cref="WaitForMessageAsync"/>) to see what
/// was sent, each file parsed by MimeKit. Debian's interpreter is used explicitly (/usr/bin/python3): a python3 earlier on PATH (pyenv) does
/// not see Debian's packages.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly string[] Folders = ["new", "cur"];

    private readonly ScratchDirectory _directory;
    private ServerProcess? _process;

    private SmtpServer(ScratchDirectory directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The Maildir (new/, cur/, tmp/) the server delivers to.</summary>
    public string Maildir => _directory.Combine("maildir");

    /// <summary>The form DeliveryWorker reads from ConnectionStrings:smtp.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"smtp://127.0.0.1:{Port}");

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer(new ScratchDirectory("smtp"), FreePort.Next());
        try
        {
            await server.RestartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task RestartAsync()
    {
        _process = ServerProcess.Start("aiosmtpd", Python,
        [
            "-m", "aiosmtpd", "-n", "-l", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}"),
            "-c", "aiosmtpd.handlers.Mailbox", Maildir,
        ]);
        if (!await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => _process.HasExited))
        {
            throw _process.StartupFailure($"nothing listens on port {Port} (is python3-aiosmtpd installed? scripts/install-prerequisites.sh)");
        }
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = Folders
            .Select(folder => Path.Combine(Maildir, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(path => new FileInfo(path))
            .OrderBy(file => file.LastWriteTimeUtc).ThenBy(file => file.Name, StringComparer.Ordinal);
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            try
            {
                messages.Add(MimeMessage.Load(file.FullName));
            }
            catch (FileNotFoundException)
            {
                // Moved from new/ to cur/ between listing and reading; the next poll sees it.
            }
        }

        return messages;
    }

    /// <summary>
    /// Messages to one recipient, oldest first: the envelope's RCPT TO (aiosmtpd's Mailbox handler records it in
    /// X-RcptTo) or the To header.
    /// </summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string recipient) =>
        Messages().Where(m =>
            (m.Headers["X-RcptTo"] ?? string.Empty).Contains(recipient, StringComparison.OrdinalIgnoreCase)
            || m.To.Mailboxes.Any(to => to.Address.Equals(recipient, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="recipient"/> arrived; throws when time runs out.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(
        string recipient, int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var received = MessagesTo(recipient);
            if (received.Count >= count)
            {
                return received;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{received.Count} of {count} messages to {recipient} arrived in time.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async Task<MimeMessage> WaitForMessageAsync(string recipient, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (await WaitForMessagesAsync(recipient, 1, timeout, cancellationToken))[0];

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
