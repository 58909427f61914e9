namespace DigitalDelivery.Core.Redis;

// Typed helpers for the commands the product uses; anything else goes through ExecuteAsync.
public sealed partial class RedisClient
{
    /// <summary>PING; returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        await ExecuteAsync("PING", [], cancellationToken).ConfigureAwait(false);
        return _time.GetElapsedTime(started);
    }

    /// <summary>GET; the reply is <see cref="RedisValue.IsNull"/> when the key does not exist.</summary>
    public Task<RedisValue> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ExecuteAsync("GET", [key], cancellationToken);
    }

    /// <summary>GET as UTF-8 text; null when the key does not exist.</summary>
    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken = default) =>
        (await GetAsync(key, cancellationToken).ConfigureAwait(false)).AsString();

    /// <summary>SET with optional expiry (EX for whole seconds, else PX) and NX/XX; false when the condition prevented the write.</summary>
    public Task<bool> SetAsync(string key, string value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SetCoreAsync(key, value, expiry, condition, cancellationToken);
    }

    /// <inheritdoc cref="SetAsync(string, string, TimeSpan?, RedisSetCondition, CancellationToken)"/>
    public Task<bool> SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? expiry = null, RedisSetCondition condition = RedisSetCondition.Always,
        CancellationToken cancellationToken = default) =>
        SetCoreAsync(key, value, expiry, condition, cancellationToken);

    /// <summary>DEL of one key; true when it existed.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (await ExecuteAsync("DEL", [key], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;
    }

    /// <summary>DEL of several keys; returns how many existed.</summary>
    public async Task<long> DeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        return (await ExecuteAsync("DEL", [.. keys], cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    /// <summary>INCR (or INCRBY when <paramref name="by"/> is not 1); returns the new value.</summary>
    public async Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reply = by == 1
            ? await ExecuteAsync("INCR", [key], cancellationToken).ConfigureAwait(false)
            : await ExecuteAsync("INCRBY", [key, by], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64();
    }

    /// <summary>PEXPIRE; false when the key does not exist.</summary>
    public async Task<bool> ExpireAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var milliseconds = (long)Math.Ceiling(timeToLive.TotalMilliseconds);
        return (await ExecuteAsync("PEXPIRE", [key, milliseconds], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;
    }

    /// <summary>PTTL; null when the key does not exist or has no expiry.</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var milliseconds = (await ExecuteAsync("PTTL", [key], cancellationToken).ConfigureAwait(false)).AsInt64();
        return milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>EVAL of a Lua script with KEYS and ARGV.</summary>
    public Task<RedisValue> EvalAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<object> arguments,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        return ExecuteAsync("EVAL", ScriptArguments(script, keys, arguments), cancellationToken);
    }

    /// <summary>EVALSHA of a script Redis already caches; <see cref="RedisServerException"/> with prefix NOSCRIPT when it does not.</summary>
    public Task<RedisValue> EvalShaAsync(string sha1, IReadOnlyList<string> keys, IReadOnlyList<object> arguments,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha1);
        return ExecuteAsync("EVALSHA", ScriptArguments(sha1, keys, arguments), cancellationToken);
    }

    /// <summary>SCRIPT LOAD; returns the SHA-1 Redis caches the script under.</summary>
    public async Task<string> ScriptLoadAsync(string script, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        return (await ExecuteAsync("SCRIPT", ["LOAD", script], cancellationToken).ConfigureAwait(false)).AsString()!;
    }

    /// <summary>
    /// Runs a script by its hash (EVALSHA) and falls back to EVAL, which also caches it, when Redis does not know it
    /// (first use, or after a restart flushed the script cache). Scripts run atomically.
    /// </summary>
    public async Task<RedisValue> EvaluateAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<object> arguments,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        try
        {
            return await EvalShaAsync(script.Sha1, keys, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.ErrorPrefix == "NOSCRIPT")
        {
            return await EvalAsync(script.Source, keys, arguments, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> SetCoreAsync(string key, object value, TimeSpan? expiry, RedisSetCondition condition,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var arguments = new List<object>(6) { key, value };
        if (expiry is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(expiry));
            if (ttl.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                arguments.Add("EX");
                arguments.Add((long)ttl.TotalSeconds);
            }
            else
            {
                arguments.Add("PX");
                arguments.Add((long)Math.Ceiling(ttl.TotalMilliseconds));
            }
        }

        if (condition != RedisSetCondition.Always)
        {
            arguments.Add(condition == RedisSetCondition.NotExists ? "NX" : "XX");
        }

        var reply = await ExecuteAsync("SET", arguments, cancellationToken).ConfigureAwait(false);
        return !reply.IsNull;
    }

    private static object[] ScriptArguments(string scriptOrSha, IReadOnlyList<string> keys, IReadOnlyList<object> arguments)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        var all = new object[2 + keys.Count + arguments.Count];
        all[0] = scriptOrSha;
        all[1] = keys.Count;
        for (var i = 0; i < keys.Count; i++)
        {
            all[2 + i] = keys[i];
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            all[2 + keys.Count + i] = arguments[i];
        }

        return all;
    }
}
