using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// A small RESP2 Redis client, written here because StackExchange.Redis cannot be restored from this machine's
/// package mirror. Use one instance per process (a DI singleton): every caller's commands are pipelined over one
/// shared connection and replies are matched first-in first-out, so it stays fast under concurrency.
/// The connection opens on first use, and after it breaks the next command opens a new one (failed attempts are
/// spaced by a short backoff, during which callers fail fast). Every call is bounded by
/// <see cref="RedisConnectionSettings.CommandTimeout"/>, so a dead Redis never hangs a caller.
/// Commands that change per-connection state (SELECT, MULTI, SUBSCRIBE, blocking pops...) are refused because the
/// connection is shared; use EVAL for atomic multi-step work.
/// </summary>
public sealed partial class RedisClient : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(2);

    private static readonly FrozenSet<string> SharedConnectionUnsafe = new[]
    {
        "AUTH", "HELLO", "SELECT", "SWAPDB", "QUIT", "RESET", "MONITOR", "SYNC", "PSYNC",
        "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
        "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE",
        "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ITimer? _keepAlive;
    private Task<RedisConnection>? _connection;
    private long _lastFailedConnect;
    private int _failedConnects;
    private bool _disposed;

    public RedisClient(RedisConnectionSettings settings, TimeProvider? timeProvider = null, ILogger<RedisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (settings.KeepAlive > TimeSpan.Zero)
        {
            _keepAlive = _time.CreateTimer(static state => ((RedisClient)state!).KeepAlive(), this, settings.KeepAlive, settings.KeepAlive);
        }
    }

    public RedisConnectionSettings Settings { get; }

    /// <summary>True while a connection is open (it may still break at any moment).</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connection is { IsCompletedSuccessfully: true } current && current.Result.IsAlive;
            }
        }
    }

    /// <summary>Sends any command; see <see cref="ExecuteAsync(string, IReadOnlyList{object}, CancellationToken)"/>.</summary>
    public Task<RedisValue> ExecuteAsync(string command, params object[] arguments) =>
        ExecuteAsync(command, arguments, CancellationToken.None);

    /// <summary>
    /// Sends a command with arguments (strings, byte arrays, <see cref="ReadOnlyMemory{T}"/> of bytes or numbers) and
    /// returns the reply.
    /// </summary>
    /// <exception cref="RedisServerException">Redis answered with an error reply.</exception>
    /// <exception cref="RedisConnectionException">There is no usable connection, or it broke before the reply came.</exception>
    /// <exception cref="RedisTimeoutException">No connection or no reply within the command timeout.</exception>
    /// <exception cref="NotSupportedException">The command would change the shared connection's state.</exception>
    public async Task<RedisValue> ExecuteAsync(string command, IReadOnlyList<object> arguments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        if (SharedConnectionUnsafe.Contains(command))
        {
            throw new NotSupportedException(
                $"{command.ToUpperInvariant()} changes or blocks the connection, which this client shares between all callers.");
        }

        var reply = await SendAsync(command, RespEncoder.Encode(command, arguments), cancellationToken).ConfigureAwait(false);
        return reply.IsError ? throw new RedisServerException(reply.AsString()!) : reply;
    }

    public async ValueTask DisposeAsync()
    {
        Task<RedisConnection>? current;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _connection;
            _connection = null;
        }

        _keepAlive?.Dispose();
        await _disposing.CancelAsync().ConfigureAwait(false);
        if (current is not null)
        {
            try
            {
                await (await current.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or OperationCanceledException)
            {
                // The last connection attempt failed: there is nothing to close.
            }
        }

        _disposing.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<RedisValue> SendAsync(string command, ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        var timeout = Settings.CommandTimeout;
        var started = _time.GetTimestamp();
        using var activity = RedisTelemetry.StartCommand(command);
        try
        {
            RedisConnection connection;
            try
            {
                connection = await GetConnectionAsync().WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RedisTimeoutException(
                    $"No connection to Redis ({string.Join(", ", Settings.Endpoints)}) within {Milliseconds(timeout)} ms.");
            }

            RedisTelemetry.SetEndpoint(activity, connection.Endpoint);
            var pending = connection.Enqueue(request);
            try
            {
                var remaining = timeout - _time.GetElapsedTime(started);
                return await pending.Task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                pending.Abandon();

                // Replies come in request order, so everything behind this one is stuck too: start a new connection.
                connection.Abort(new RedisConnectionException(
                    $"The connection to Redis at {connection.Endpoint} was reset because a command got no reply within {Milliseconds(timeout)} ms."));
                throw new RedisTimeoutException(
                    $"Redis at {connection.Endpoint} did not reply to {command.ToUpperInvariant()} within {Milliseconds(timeout)} ms.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                pending.TrySetCanceled(cancellationToken); // If it has not been sent yet, it never will be.
                pending.Abandon();
                throw;
            }
        }
        catch (Exception ex) when (RedisTelemetry.RecordFailure(activity, ex))
        {
            throw; // Never reached: the filter only records.
        }
    }

    private Task<RedisConnection> GetConnectionAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = _connection;
            if (current is not null)
            {
                if (!current.IsCompleted || (current.IsCompletedSuccessfully && current.Result.IsAlive))
                {
                    return current;
                }

                if (!current.IsCompletedSuccessfully)
                {
                    if (_time.GetElapsedTime(_lastFailedConnect) < ReconnectDelay())
                    {
                        return current; // Fail fast with the last attempt's error instead of hammering a down server.
                    }

                    _ = current.Exception; // Observed here; nobody else may await it any more.
                }
                else
                {
                    _ = current.Result.DisposeAsync().AsTask(); // Already broken; this only releases its resources.
                }
            }

            current = Task.Run(ConnectAsync);
            _connection = current;
            return current;
        }
    }

    private async Task<RedisConnection> ConnectAsync()
    {
        var problems = new List<string>();
        Exception? lastError = null;
        foreach (var endpoint in Settings.Endpoints)
        {
            using var attemptTimeout = new CancellationTokenSource(Settings.ConnectTimeout, _time);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(attemptTimeout.Token, _disposing.Token);
            try
            {
                var connection = await RedisConnection.OpenAsync(endpoint, Settings, attempt.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _failedConnects = 0;
                }

                _logger.LogInformation("Connected to Redis at {Endpoint}.", endpoint);
                return connection;
            }
            catch (Exception ex) when (!_disposing.IsCancellationRequested)
            {
                // Any failure of one endpoint (refused, DNS, TLS, credentials, timeout) moves on to the next.
                problems.Add(ex is OperationCanceledException
                    ? $"{endpoint}: no connection within {Milliseconds(Settings.ConnectTimeout)} ms"
                    : $"{endpoint}: {ex.Message}");
                lastError = ex;
            }
        }

        lock (_gate)
        {
            _failedConnects++;
            _lastFailedConnect = _time.GetTimestamp();
        }

        var failure = new RedisConnectionException($"Could not connect to Redis ({string.Join("; ", problems)}).", lastError);
        _logger.LogWarning("{Problem}", failure.Message);
        throw failure;
    }

    private TimeSpan ReconnectDelay()
    {
        var doublings = Math.Clamp(_failedConnects - 1, 0, 10);
        var delay = FirstReconnectDelay * Math.Pow(2, doublings);
        return delay < MaxReconnectDelay ? delay : MaxReconnectDelay;
    }

    // Keeps an idle connection from being dropped by the server or a load balancer (Azure closes idle ones after
    // ten minutes) and notices a dead one before a real command does.
    private void KeepAlive()
    {
        bool used;
        lock (_gate)
        {
            used = !_disposed && _connection is not null;
        }

        if (used)
        {
            _ = PingQuietlyAsync();
        }
    }

    private async Task PingQuietlyAsync()
    {
        try
        {
            await PingAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            _logger.LogDebug("Keep-alive PING failed: {Problem}", ex.Message);
        }
    }

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
