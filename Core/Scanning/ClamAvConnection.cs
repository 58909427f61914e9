using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// One TCP connection to clamd carrying one command, with clamd's answer read concurrently with the sending
/// (clamd answers early and hangs up when it refuses a stream). Every failure of the connection itself, or a
/// stall longer than the current deadline, becomes a <see cref="ClamAvUnavailableException"/>; the caller's own
/// cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ClamAvConnection : IAsyncDisposable
{
    // clamd's answers to the commands used here are one short line; anything longer is not clamd.
    private const int MaxReplyLength = 16 * 1024;

    private readonly ClamAvSettings _settings;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _callerToken;
    private Task<string>? _reply;
    private Exception? _sendFailure;

    private ClamAvConnection(ClamAvSettings settings, Socket socket, CancellationTokenSource deadline, CancellationToken callerToken)
    {
        _settings = settings;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _deadline = deadline;
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, deadline.Token);
        _callerToken = callerToken;
    }

    private string Endpoint => $"{_settings.Host}:{_settings.Port}";

    public static async Task<ClamAvConnection> OpenAsync(ClamAvSettings settings, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var deadline = new CancellationTokenSource(settings.ConnectTimeout, timeProvider);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            await socket.ConnectAsync(new DnsEndPoint(settings.Host, settings.Port), linked.Token).ConfigureAwait(false);
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            return new ClamAvConnection(settings, socket, deadline, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException
            && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            deadline.Dispose();
            throw ex is OperationCanceledException
                ? new ClamAvUnavailableException(
                    $"clamd at {settings.Host}:{settings.Port} did not accept a connection within {settings.ConnectTimeout}.",
                    new TimeoutException("Connecting to clamd timed out.", ex))
                : new ClamAvUnavailableException($"clamd at {settings.Host}:{settings.Port} is unreachable: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            deadline.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends within <see cref="ClamAvSettings.IoTimeout"/>. False when clamd has closed its side: it has then
    /// usually answered already (a refusal), which <see cref="WaitForReplyAsync"/> still reads.
    /// </summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data)
    {
        if (_sendFailure is not null)
        {
            return false;
        }

        _deadline.CancelAfter(_settings.IoTimeout);
        try
        {
            await _stream.WriteAsync(data, _linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException && !_deadline.IsCancellationRequested)
        {
            _sendFailure = ex;
            return false;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            throw Unavailable(ex, "sending to");
        }
        finally
        {
            // Time spent reading the caller's source stream between chunks is not clamd's fault.
            if (!_deadline.IsCancellationRequested)
            {
                _deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Starts reading clamd's null-terminated answer; it may arrive before everything is sent.</summary>
    public Task<string> StartReadingReply() => _reply ??= ReadReplyAsync(_linked.Token);

    /// <summary>Waits up to <paramref name="timeout"/> for the answer and returns it without its terminator.</summary>
    public async Task<string> WaitForReplyAsync(TimeSpan timeout)
    {
        var reply = StartReadingReply();
        if (!reply.IsCompleted)
        {
            _deadline.CancelAfter(timeout);
        }

        try
        {
            return await reply.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            throw Unavailable(ex, "reading the answer from");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _linked.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (_reply is not null)
        {
            // Observe the abandoned read (it fails once the socket is closed) so it is never an unobserved exception.
            await ((Task)_reply).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _linked.Dispose();
        _deadline.Dispose();
    }

    private async Task<string> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxReplyLength)
                {
                    throw new InvalidDataException($"The answer exceeds {MaxReplyLength} bytes without a terminator; this is not clamd.");
                }

                Array.Resize(ref buffer, buffer.Length * 4);
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException(length == 0
                    ? "clamd closed the connection without answering."
                    : "clamd closed the connection in the middle of its answer.", _sendFailure);
            }

            var terminator = buffer.AsSpan(length, read).IndexOf((byte)0);
            length += read;
            if (terminator >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, length - read + terminator);
            }
        }
    }

    private bool IsConnectionFailure(Exception ex) =>
        ex is IOException or SocketException or InvalidDataException or ObjectDisposedException
        || (ex is OperationCanceledException && !_callerToken.IsCancellationRequested);

    private ClamAvUnavailableException Unavailable(Exception ex, string doing) =>
        ex is OperationCanceledException
            ? new ClamAvUnavailableException($"clamd at {Endpoint} stopped responding ({doing} it timed out).",
                new TimeoutException($"No progress {doing} clamd within the configured timeout.", ex))
            : new ClamAvUnavailableException($"clamd at {Endpoint} failed while {doing} it: {ex.Message}", ex);
}
