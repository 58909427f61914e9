using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;

namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// A client for clamd's TCP protocol: PING, VERSION and zINSTREAM. Written by hand because no .NET clamd client
/// (nClam) can be obtained from the package mirror. A stream of any length is sent in chunks of
/// <see cref="ClamAvSettings.ChunkSize"/> from one pooled buffer, so memory use does not grow with the content;
/// each scan uses its own connection, so one client serves any number of concurrent scans.
/// </summary>
public sealed class ClamAvClient(ClamAvSettings settings, TimeProvider timeProvider)
{
    private const int ChunkHeaderSize = 4;

    private static readonly byte[] PingCommand = "zPING\0"u8.ToArray();
    private static readonly byte[] VersionCommand = "zVERSION\0"u8.ToArray();
    private static readonly byte[] InStreamCommand = "zINSTREAM\0"u8.ToArray();

    public ClamAvClient(ClamAvSettings settings)
        : this(settings, TimeProvider.System)
    {
    }

    public ClamAvSettings Settings { get; } = Validated(settings);

    /// <summary>Throws <see cref="ClamAvUnavailableException"/> unless clamd answers PONG.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendCommandAsync(PingCommand, cancellationToken).ConfigureAwait(false);
        if (reply != "PONG")
        {
            throw new ClamAvUnavailableException($"clamd at {Settings.Host}:{Settings.Port} answered PING with something other than PONG.");
        }
    }

    public async Task<ClamAvVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        ClamAvVersion.Parse(await SendCommandAsync(VersionCommand, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Streams <paramref name="content"/> from its current position to its end through clamd and returns the
    /// verdict. The stream is only read, never sought, and is not disposed.
    /// </summary>
    /// <exception cref="ClamAvUnavailableException">clamd could not be reached or stopped responding.</exception>
    public async Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var activity = ScanningTelemetry.Source.StartActivity("clamav scan", ActivityKind.Client);
        activity?.SetTag("server.address", Settings.Host);
        activity?.SetTag("server.port", Settings.Port);
        long sent = 0;
        try
        {
            await using var connection = await ClamAvConnection.OpenAsync(Settings, timeProvider, cancellationToken).ConfigureAwait(false);
            var complete = await SendContentAsync(connection, content, bytes => sent += bytes, cancellationToken).ConfigureAwait(false);
            var reply = await connection.WaitForReplyAsync(complete ? Settings.ScanTimeout : Settings.IoTimeout).ConfigureAwait(false);
            var result = ClamAvReply.ParseScan(reply);
            ScanningTelemetry.Record(activity, Outcome(result), sent);
            if (result is ScanResult.Infected infected)
            {
                activity?.SetTag("clamav.signature", infected.Signature);
            }

            return result;
        }
        catch (ClamAvUnavailableException ex)
        {
            ScanningTelemetry.Record(activity, "unavailable", sent);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// Sends the INSTREAM command, the chunks and the terminating empty chunk. False when clamd stopped taking
    /// the stream early (it answers at once, typically "INSTREAM size limit exceeded").
    /// </summary>
    private async Task<bool> SendContentAsync(ClamAvConnection connection, Stream content, Action<int> onSent, CancellationToken cancellationToken)
    {
        if (!await connection.SendAsync(InStreamCommand).ConfigureAwait(false))
        {
            return false;
        }

        var earlyReply = connection.StartReadingReply();
        var chunkSize = Settings.ChunkSize;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkHeaderSize + chunkSize);
        try
        {
            while (true)
            {
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(ChunkHeaderSize, chunkSize), chunkSize,
                    throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (earlyReply.IsCompleted)
                {
                    return false;
                }

                // A chunk is its length as 4 bytes, big-endian, then the bytes; length 0 ends the stream.
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                if (!await connection.SendAsync(buffer.AsMemory(0, ChunkHeaderSize + read)).ConfigureAwait(false))
                {
                    return false;
                }

                if (read == 0)
                {
                    return true;
                }

                onSent(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<string> SendCommandAsync(byte[] command, CancellationToken cancellationToken)
    {
        await using var connection = await ClamAvConnection.OpenAsync(Settings, timeProvider, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(command).ConfigureAwait(false);
        return await connection.WaitForReplyAsync(Settings.IoTimeout).ConfigureAwait(false);
    }

    private static ClamAvSettings Validated(ClamAvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return settings;
    }

    private static string Outcome(ScanResult result) => result switch
    {
        ScanResult.Clean => "clean",
        ScanResult.Infected => "infected",
        _ => "failed",
    };
}
