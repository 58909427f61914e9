using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DigitalDelivery.Tests.Redis;

/// <summary>
/// What the Api's multiplexer is configured with for each ConnectionStrings:cache form the AppHost, scripts/run.sh
/// or Azure give it: StackExchange.Redis reads the string; the Api adds fail-fast defaults that explicit settings
/// override, and never lets a connection failure abort or queue.
/// </summary>
public sealed class RedisConnectionStringTests
{
    [Theory]
    // connection string | endpoints | user | password | ssl | connect ms | sync ms | async ms
    [InlineData("127.0.0.1:6379,password=secret", "127.0.0.1:6379", null, "secret", false, 2000, 1000, 1000)]
    [InlineData("localhost:51234,password=p4ss", "localhost:51234", null, "p4ss", false, 2000, 1000, 1000)]
    [InlineData("localhost:6380,password=p,ssl=true", "localhost:6380", null, "p", true, 2000, 1000, 1000)]
    [InlineData(" a:1 , b:2 ,user=app,password=x,connectTimeout=1500,asyncTimeout=2500,", "a:1|b:2", "app", "x", false, 1500, 1000, 2500)]
    [InlineData("a:1,syncTimeout=700", "a:1", null, null, false, 2000, 700, 700)]
    [InlineData("[::1]:7000,password=x", "[::1]:7000", null, "x", false, 2000, 1000, 1000)]
    [InlineData("password=x=y,localhost:1", "localhost:1", null, "x=y", false, 2000, 1000, 1000)]
    [InlineData("a:1,abortConnect=true,connectRetry=3,name=api,keepAlive=30", "a:1", null, null, false, 2000, 1000, 1000)]
    // Azure's own defaults (5 s) stay, with its maintenance notifications; the string may still set the timeouts.
    [InlineData("acct.redis.cache.windows.net:6380,password=k,ssl=True,abortConnect=False", "acct.redis.cache.windows.net:6380", null, "k", true, 5000, 5000, 5000)]
    public void Every_connection_string_form_configures_the_multiplexer(string connectionString, string endpoints, string? user,
        string? password, bool ssl, int connectMs, int syncMs, int asyncMs)
    {
        var options = OptionsFor(connectionString);

        Assert.Equal(endpoints, string.Join("|", options.EndPoints.Select(Text)));
        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal(ssl, options.Ssl);
        Assert.Equal(connectMs, options.ConnectTimeout);
        Assert.Equal(syncMs, options.SyncTimeout);
        Assert.Equal(asyncMs, options.AsyncTimeout);
        Assert.False(options.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
    }

    [Fact]
    public void A_refused_first_connection_is_not_retried_unless_the_string_asks_for_it()
    {
        Assert.Equal(1, OptionsFor("a:1").ConnectRetry);
        Assert.Equal(3, OptionsFor("a:1,connectRetry=3").ConnectRetry);
    }

    [Fact]
    public void Timeouts_set_under_Aspire_StackExchange_Redis_override_the_defaults_and_the_connection_string()
    {
        var options = OptionsFor("a:1,asyncTimeout=500", new Dictionary<string, string?>
        {
            ["Aspire:StackExchange:Redis:ConfigurationOptions:ConnectTimeout"] = "4000",
            ["Aspire:StackExchange:Redis:ConfigurationOptions:AsyncTimeout"] = "3000",
        });

        Assert.Equal(4000, options.ConnectTimeout);
        Assert.Equal(1000, options.SyncTimeout);
        Assert.Equal(3000, options.AsyncTimeout);
    }

    [Theory]
    [InlineData("localhost:1,password=hunter2,ssl=maybe", "ssl")]
    [InlineData("localhost:1,password=hunter2,bogus=1", "bogus")]
    [InlineData("localhost:1,connectTimeout=soon,password=hunter2", "connectTimeout")]
    [InlineData("password=hunter2", "No endpoints")]
    [InlineData("localhost:abc,password=hunter2", "No endpoints")]
    public async Task A_bad_connection_string_stops_the_host_from_starting_with_a_message_that_never_shows_the_password(
        string connectionString, string expected)
    {
        using var host = ApiRedisHost.Build(connectionString);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.True(error is ArgumentException or InvalidOperationException, error.GetType().Name);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    private static ConfigurationOptions OptionsFor(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        using var host = ApiRedisHost.Build(connectionString, settings: settings);
        return host.Services.GetRequiredService<IOptions<ConfigurationOptions>>().Value;
    }

    private static string Text(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString()!,
    };
}
