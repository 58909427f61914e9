using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// One socket (TLS when configured) shared by every caller. Callers queue encoded requests on a channel; a single
/// writer loop copies them to the socket in queue order and records each one as awaiting a reply; a single reader
/// loop parses replies and completes the oldest awaiting request, because Redis answers in request order.
/// Any I/O or protocol failure ends the connection and fails everything still queued or awaiting a reply; the
/// client then opens a new connection for later commands.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<PendingCommand> _outgoing =
        Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<PendingCommand> _awaitingReply = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _writeLoop = Task.CompletedTask;
    private Task _readLoop = Task.CompletedTask;
    private RedisConnectionException? _failure;

    private RedisConnection(RedisEndpoint endpoint, Stream stream)
    {
        Endpoint = endpoint;
        _stream = stream;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public RedisEndpoint Endpoint { get; }

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    /// <summary>Opens the socket, negotiates TLS and runs AUTH / SELECT / CLIENT SETNAME / PING.</summary>
    public static async Task<RedisConnection> OpenAsync(RedisEndpoint endpoint, RedisConnectionSettings settings, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        RedisConnection? connection = null;
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await socket.ConnectAsync(new DnsEndPoint(endpoint.Host, endpoint.Port), cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (settings.Ssl)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = settings.SslHost ?? endpoint.Host },
                    cancellationToken).ConfigureAwait(false);
            }

            connection = new RedisConnection(endpoint, stream);
            connection.Start();
            await connection.HandshakeAsync(settings, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Queues a request; the task completes with its reply, or fails when the connection does.</summary>
    public PendingCommand Enqueue(ReadOnlyMemory<byte> request)
    {
        var pending = new PendingCommand(request);
        if (!_outgoing.Writer.TryWrite(pending))
        {
            pending.TrySetException(Volatile.Read(ref _failure) ?? Closed());
        }

        return pending;
    }

    /// <summary>Ends the connection, failing every queued and unanswered request with <paramref name="reason"/>.</summary>
    public void Abort(RedisConnectionException reason) => Fail(reason);

    public async ValueTask DisposeAsync()
    {
        Fail(Closed());
        await Task.WhenAll(_writeLoop, _readLoop).ConfigureAwait(false);
        _closing.Dispose();
    }

    private void Start()
    {
        _writeLoop = Task.Run(WriteLoopAsync);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    private async Task HandshakeAsync(RedisConnectionSettings settings, CancellationToken cancellationToken)
    {
        // Pipelined: all handshake commands go out together and the replies are checked in order.
        var auth = settings.Password is null
            ? null
            : Enqueue(settings.User is null
                ? RespEncoder.Encode("AUTH", [settings.Password])
                : RespEncoder.Encode("AUTH", [settings.User, settings.Password]));
        var select = settings.DefaultDatabase == 0 ? null : Enqueue(RespEncoder.Encode("SELECT", [settings.DefaultDatabase]));
        var setName = settings.ClientName is null ? null : Enqueue(RespEncoder.Encode("CLIENT", ["SETNAME", settings.ClientName]));
        var ping = Enqueue(RespEncoder.Encode("PING", []));

        if (auth is not null && await auth.Task.WaitAsync(cancellationToken).ConfigureAwait(false) is { IsError: true } authError)
        {
            throw new RedisConnectionException($"Redis at {Endpoint} rejected the credentials: {Redact(authError.AsString(), settings.Password!)}");
        }

        if (select is not null && await select.Task.WaitAsync(cancellationToken).ConfigureAwait(false) is { IsError: true } selectError)
        {
            throw new RedisConnectionException($"Redis at {Endpoint} refused database {settings.DefaultDatabase}: {selectError.AsString()}");
        }

        if (setName is not null)
        {
            // Some managed Redis offerings forbid CLIENT SETNAME; the name is only a diagnostic aid.
            await setName.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (await ping.Task.WaitAsync(cancellationToken).ConfigureAwait(false) is { IsError: true } pingError)
        {
            var message = pingError.AsString() ?? string.Empty;
            throw new RedisConnectionException(message.StartsWith("NOAUTH", StringComparison.Ordinal)
                ? $"Redis at {Endpoint} requires a password, and the connection string has none."
                : $"Redis at {Endpoint} did not answer PING: {message}");
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var pending))
                {
                    if (pending.Task.IsCompleted)
                    {
                        continue; // The caller gave up before the request was sent, so it never runs.
                    }

                    // Recorded before the bytes leave, so its reply can never arrive before it is expected.
                    _awaitingReply.Enqueue(pending);
                    _output.Write(pending.Request.Span);
                    if (_output.UnflushedBytes >= FlushThreshold)
                    {
                        await _output.FlushAsync(_closing.Token).ConfigureAwait(false);
                    }
                }

                await _output.FlushAsync(_closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Whatever ends the loop ends the connection; nothing may escape a background loop unobserved.
            Fail(ex);
        }
        finally
        {
            await _output.CompleteAsync(Volatile.Read(ref _failure)).ConfigureAwait(false);
            FailOutstanding();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (RespParser.TryParse(ref buffer, out var reply))
                {
                    if (!_awaitingReply.TryDequeue(out var pending))
                    {
                        throw new RedisConnectionException($"Redis at {Endpoint} sent a reply no command was waiting for; the connection is closed.");
                    }

                    pending.TrySetResult(reply);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new RedisConnectionException($"Redis at {Endpoint} closed the connection.");
                }
            }
        }
        catch (Exception ex)
        {
            // Whatever ends the loop ends the connection; nothing may escape a background loop unobserved.
            Fail(ex);
        }
        finally
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            FailOutstanding();
        }
    }

    private void Fail(Exception cause)
    {
        var failure = cause as RedisConnectionException
            ?? new RedisConnectionException($"The connection to Redis at {Endpoint} failed: {cause.Message}", cause);
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            _outgoing.Writer.TryComplete();
            _closing.Cancel();
            _stream.Dispose(); // Unblocks a read or write that is stuck on the socket.
        }

        FailOutstanding();
    }

    // Called by Fail and again by each loop as it ends, so a request the writer was handling during the failure
    // is not left without an answer.
    private void FailOutstanding()
    {
        var failure = Volatile.Read(ref _failure);
        if (failure is null)
        {
            return;
        }

        while (_awaitingReply.TryDequeue(out var pending))
        {
            pending.TrySetException(failure);
        }

        while (_outgoing.Reader.TryRead(out var pending))
        {
            pending.TrySetException(failure);
        }
    }

    private RedisConnectionException Closed() => new($"The connection to Redis at {Endpoint} was closed.");

    private static string? Redact(string? message, string secret) =>
        message?.Replace(secret, "***", StringComparison.Ordinal);
}
