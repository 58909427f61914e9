using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DigitalDelivery.Core.Redis;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Redis;

public sealed class RedisClientTests : IAsyncDisposable
{
    private readonly LocalInfrastructure _infrastructure;
    private readonly string _clientName = $"tests-{Guid.NewGuid():N}";
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";
    private readonly RedisClient _client;

    public RedisClientTests(LocalInfrastructure infrastructure)
    {
        _infrastructure = infrastructure;
        _client = new RedisClient(RedisConnectionSettings.Parse($"{infrastructure.Redis.ConnectionString},name={_clientName}"));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_then_get_returns_the_value_and_a_missing_key_returns_null()
    {
        Assert.True(await _client.SetAsync(_prefix + "name", "Grüße, world", cancellationToken: Cancel));

        Assert.Equal("Grüße, world", await _client.GetStringAsync(_prefix + "name", Cancel));
        Assert.Null(await _client.GetStringAsync(_prefix + "missing", Cancel));
        Assert.True((await _client.GetAsync(_prefix + "missing", Cancel)).IsNull);
    }

    [Fact]
    public async Task Binary_values_of_a_megabyte_round_trip_unchanged()
    {
        var value = new byte[1024 * 1024 + 7];
        new Random(42).NextBytes(value);

        await _client.SetAsync(_prefix + "blob", value, cancellationToken: Cancel);

        Assert.Equal(value, (await _client.GetAsync(_prefix + "blob", Cancel)).AsBytes());
    }

    [Fact]
    public async Task Set_with_NX_writes_only_when_the_key_is_absent_and_XX_only_when_present()
    {
        var key = _prefix + "lock";

        Assert.False(await _client.SetAsync(key, "late", condition: RedisSetCondition.Exists, cancellationToken: Cancel));
        Assert.True(await _client.SetAsync(key, "first", condition: RedisSetCondition.NotExists, cancellationToken: Cancel));
        Assert.False(await _client.SetAsync(key, "second", condition: RedisSetCondition.NotExists, cancellationToken: Cancel));
        Assert.True(await _client.SetAsync(key, "third", condition: RedisSetCondition.Exists, cancellationToken: Cancel));

        Assert.Equal("third", await _client.GetStringAsync(key, Cancel));
    }

    [Fact]
    public async Task Expiry_set_by_SET_and_PEXPIRE_is_reported_by_PTTL_and_the_key_then_disappears()
    {
        var key = _prefix + "ttl";
        await _client.SetAsync(key, "v", TimeSpan.FromSeconds(100), cancellationToken: Cancel);
        var secondsTtl = await _client.TimeToLiveAsync(key, Cancel);

        Assert.True(await _client.ExpireAsync(key, TimeSpan.FromMilliseconds(150), Cancel));
        var shortTtl = await _client.TimeToLiveAsync(key, Cancel);
        await Eventually.ReturnsAsync(() => _client.GetStringAsync(key, Cancel), value => value is null, TimeSpan.FromSeconds(5), "the key expired");

        Assert.InRange(secondsTtl!.Value, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
        Assert.InRange(shortTtl!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(150));
        Assert.Null(await _client.TimeToLiveAsync(key, Cancel));
        Assert.False(await _client.ExpireAsync(key, TimeSpan.FromSeconds(1), Cancel));
    }

    [Fact]
    public async Task Sub_second_expiry_uses_milliseconds()
    {
        var key = _prefix + "px";
        await _client.SetAsync(key, "v", TimeSpan.FromMilliseconds(1500), cancellationToken: Cancel);

        Assert.InRange((await _client.TimeToLiveAsync(key, Cancel))!.Value, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task INCR_and_INCRBY_count_and_DEL_reports_what_existed()
    {
        var key = _prefix + "counter";

        Assert.Equal(1, await _client.IncrementAsync(key, cancellationToken: Cancel));
        Assert.Equal(2, await _client.IncrementAsync(key, cancellationToken: Cancel));
        Assert.Equal(12, await _client.IncrementAsync(key, 10, Cancel));
        Assert.Equal(12, (await _client.GetAsync(key, Cancel)).AsInt64());
        Assert.Equal(1, await _client.DeleteAsync([key, _prefix + "never"], Cancel));
        Assert.False(await _client.DeleteAsync(key, Cancel));
    }

    [Fact]
    public async Task A_rate_limiting_script_runs_atomically_by_EVAL_and_then_by_its_hash()
    {
        // Unique text, so Redis has certainly not cached it: the first run must fall back from EVALSHA to EVAL.
        var script = new RedisScript($$"""
            -- {{Guid.NewGuid()}}
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}
            """);
        var key = _prefix + "rate";

        var first = await _client.EvaluateAsync(script, [key], [60_000], Cancel);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.EvaluateAsync(script, [key], [60_000], Cancel)));
        var byHash = await _client.EvalShaAsync(script.Sha1, [key], [60_000], Cancel);

        Assert.Equal(RedisValueKind.Array, first.Kind);
        Assert.Equal(1, first.Items![0].AsInt64());
        Assert.InRange(first.Items[1].AsInt64(), 59_000, 60_000);
        Assert.Equal(Enumerable.Range(2, 20), results.Select(r => (int)r.Items![0].AsInt64()).Order());
        Assert.Equal(22, byHash.Items![0].AsInt64());
        Assert.Equal(script.Sha1, await _client.ScriptLoadAsync(script.Source, Cancel));
    }

    [Fact]
    public async Task EVAL_returns_nested_replies_of_every_type()
    {
        var reply = await _client.EvalAsync(
            "return {1, 'two', {3, false}, redis.status_reply('OK'), redis.error_reply('NOPE inner')}", [], [], Cancel);

        var items = reply.Items!;
        Assert.Equal(1, items[0].AsInt64());
        Assert.Equal("two", items[1].AsString());
        Assert.Equal(3, items[2].Items![0].AsInt64());
        Assert.True(items[2].Items![1].IsNull);
        Assert.Equal(RedisValueKind.SimpleString, items[3].Kind);
        Assert.Equal("OK", items[3].AsString());
        Assert.True(items[4].IsError);
        Assert.Equal("NOPE inner", items[4].AsString());
    }

    [Fact]
    public async Task Error_replies_surface_as_RedisServerException_and_the_connection_keeps_working()
    {
        var key = _prefix + "text";
        await _client.SetAsync(key, "not a number", cancellationToken: Cancel);

        var notInteger = await Assert.ThrowsAsync<RedisServerException>(() => _client.IncrementAsync(key, cancellationToken: Cancel));
        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteAsync("LPUSH", key, "x"));
        var unknown = await Assert.ThrowsAsync<RedisServerException>(() => _client.ExecuteAsync("NOSUCHCOMMAND"));

        Assert.Equal("ERR", notInteger.ErrorPrefix);
        Assert.Equal("WRONGTYPE", wrongType.ErrorPrefix);
        Assert.Contains("unknown command", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("not a number", await _client.GetStringAsync(key, Cancel));
    }

    [Fact]
    public async Task A_thousand_concurrent_commands_on_one_connection_each_get_their_own_reply()
    {
        var echoes = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(async () => (i, (await _client.ExecuteAsync("ECHO", $"echo-{i}")).AsString())))
            .ToArray();
        var writesAndReads = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(async () =>
            {
                var key = _prefix + "c" + i.ToString(CultureInfo.InvariantCulture);
                await _client.SetAsync(key, $"value-{i}", cancellationToken: Cancel);
                return (i, await _client.GetStringAsync(key, Cancel));
            }))
            .ToArray();

        var echoed = await Task.WhenAll(echoes);
        var read = await Task.WhenAll(writesAndReads);

        Assert.All(echoed, result => Assert.Equal($"echo-{result.i}", result.Item2));
        Assert.All(read, result => Assert.Equal($"value-{result.i}", result.Item2));
        var clients = (await _client.ExecuteAsync("CLIENT", "LIST")).AsString()!;
        Assert.Single(clients.Split('\n'), line => line.Contains($" name={_clientName} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_that_would_change_the_shared_connection_are_refused()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.ExecuteAsync("MULTI"));
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.ExecuteAsync("select", 1));
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.ExecuteAsync("BLPOP", "k", 0));
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.ExecuteAsync("SUBSCRIBE", "channel"));
    }

    [Fact]
    public async Task A_wrong_password_gives_a_clear_connection_error_without_the_password()
    {
        var settings = RedisConnectionSettings.Parse($"127.0.0.1:{_infrastructure.Redis.Port},password=not-the-password-xyz");
        await using var client = new RedisClient(settings);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(Cancel));

        Assert.Contains("rejected the credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-xyz", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_password_says_the_server_requires_one()
    {
        await using var client = new RedisClient(RedisConnectionSettings.Parse($"127.0.0.1:{_infrastructure.Redis.Port}"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(Cancel));

        Assert.Contains("requires a password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_reachable_endpoint_is_used()
    {
        var nobody = FreePortNobodyListensOn();
        var settings = RedisConnectionSettings.Parse(
            $"127.0.0.1:{nobody},127.0.0.1:{_infrastructure.Redis.Port},password={LocalServers.RedisServer.Password}");
        await using var client = new RedisClient(settings);

        await client.PingAsync(Cancel);

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Nobody_listening_fails_fast_with_a_connection_error_naming_the_endpoint()
    {
        var port = FreePortNobodyListensOn();
        await using var client = new RedisClient(RedisConnectionSettings.Parse($"127.0.0.1:{port},password=secret-pw"));

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync(Cancel));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_cannot_hang_a_caller_beyond_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var client = new RedisClient(RedisConnectionSettings.Parse($"127.0.0.1:{port},password=x,connectTimeout=300,asyncTimeout=600"));
        var started = TimeProvider.System.GetTimestamp();

        var error = await Assert.ThrowsAnyAsync<RedisException>(() => client.PingAsync(Cancel));

        Assert.True(error is RedisTimeoutException or RedisConnectionException, error.GetType().Name);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_cancelled_caller_gets_OperationCanceledException_and_other_callers_are_unaffected()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync(_prefix + "x", cancelled.Token));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _client.ExecuteAsync("ECHO", i.ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(CultureInfo.InvariantCulture)), results.Select(r => r.AsString()));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
    }

    private static int FreePortNobodyListensOn() => LocalServers.FreePort.Next();
}
