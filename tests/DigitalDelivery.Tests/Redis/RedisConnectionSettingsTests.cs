using DigitalDelivery.Core.Redis;

namespace DigitalDelivery.Tests.Redis;

public sealed class RedisConnectionSettingsTests
{
    [Theory]
    // connection string | endpoints | user | password | ssl | abortConnect | database | connect ms | command ms
    [InlineData("127.0.0.1:6379,password=secret", "127.0.0.1:6379", null, "secret", false, true, 0, 5000, 5000)]
    [InlineData("localhost:51234,password=p4ss", "localhost:51234", null, "p4ss", false, true, 0, 5000, 5000)]
    [InlineData("localhost:6380,password=p,ssl=true", "localhost:6380", null, "p", true, true, 0, 5000, 5000)]
    [InlineData("acct.redis.cache.windows.net:6380,password=k,ssl=True,abortConnect=False", "acct.redis.cache.windows.net:6380", null, "k", true, false, 0, 5000, 5000)]
    [InlineData("localhost", "localhost:6379", null, null, false, true, 0, 5000, 5000)]
    [InlineData("localhost,ssl=true", "localhost:6380", null, null, true, true, 0, 5000, 5000)]
    [InlineData(" a:1 , b:2 ,user=app,password=x,defaultDatabase=3,connectTimeout=1500,asyncTimeout=2500,",
        "a:1|b:2", "app", "x", false, true, 3, 1500, 2500)]
    [InlineData("a:1,syncTimeout=700", "a:1", null, null, false, true, 0, 5000, 700)]
    [InlineData("[::1]:7000,password=x", "[::1]:7000", null, "x", false, true, 0, 5000, 5000)]
    [InlineData("password=x=y,localhost:1", "localhost:1", null, "x=y", false, true, 0, 5000, 5000)]
    [InlineData("a:1,a:1,b:2", "a:1|b:2", null, null, false, true, 0, 5000, 5000)]
    [InlineData("a:1,allowAdmin=true,connectRetry=3,name=api,keepAlive=30,PASSWORD=upper", "a:1", null, "upper", false, true, 0, 5000, 5000)]
    public void Every_connection_string_form_parses_to_the_right_settings(string connectionString, string endpoints, string? user,
        string? password, bool ssl, bool abortConnect, int database, int connectMs, int commandMs)
    {
        var settings = RedisConnectionSettings.Parse(connectionString);

        Assert.Equal(endpoints, string.Join("|", settings.Endpoints));
        Assert.Equal(user, settings.User);
        Assert.Equal(password, settings.Password);
        Assert.Equal(ssl, settings.Ssl);
        Assert.Equal(abortConnect, settings.AbortConnect);
        Assert.Equal(database, settings.DefaultDatabase);
        Assert.Equal(TimeSpan.FromMilliseconds(connectMs), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(commandMs), settings.CommandTimeout);
    }

    [Fact]
    public void Name_and_keep_alive_are_read()
    {
        var settings = RedisConnectionSettings.Parse("a:1,name=api,keepAlive=30");

        Assert.Equal("api", settings.ClientName);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.KeepAlive);
    }

    [Theory]
    [InlineData("", "names no host")]
    [InlineData(" , ", "names no host")]
    [InlineData("password=hunter2", "names no host")]
    [InlineData("localhost:0,password=hunter2", "invalid port")]
    [InlineData("localhost:abc,password=hunter2", "invalid port")]
    [InlineData("localhost:70000", "invalid port")]
    [InlineData(":6379", "no valid host")]
    [InlineData("[::1:7000", "unclosed IPv6 bracket")]
    [InlineData("localhost:1,password=hunter2,ssl=maybe", "ssl must be true or false")]
    [InlineData("localhost:1,defaultDatabase=-1", "defaultDatabase must be a whole number")]
    [InlineData("localhost:1,connectTimeout=0", "connectTimeout must be a whole number")]
    [InlineData("localhost:1,connectTimeout=soon", "connectTimeout must be a whole number")]
    [InlineData("localhost:1,password=hunter2,bogus=1", "unknown option 'bogus'")]
    [InlineData("localhost:1,serviceName=mymaster", "Sentinel")]
    [InlineData("localhost:1,proxy=Twemproxy", "not supported")]
    public void Bad_connection_strings_are_refused_with_a_clear_message_that_never_shows_the_password(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionSettings.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid Redis connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_masks_the_password()
    {
        var settings = RedisConnectionSettings.Parse("127.0.0.1:6379,user=app,password=hunter2,ssl=true,defaultDatabase=2");

        var text = settings.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("password=***", text, StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1:6379,user=app", text, StringComparison.Ordinal);
    }
}
