using DigitalDelivery.Core.Scanning;
using Microsoft.Extensions.Configuration;

namespace DigitalDelivery.Tests.Scanning;

public sealed class ClamAvSettingsTests
{
    [Theory]
    [InlineData("tcp://127.0.0.1:3310", "127.0.0.1", 3310)]
    [InlineData("127.0.0.1:3310", "127.0.0.1", 3310)]
    [InlineData("  tcp://127.0.0.1:41234  ", "127.0.0.1", 41234)]
    [InlineData("TCP://clamav.internal:3311", "clamav.internal", 3311)]
    [InlineData("tcp://clamav", "clamav", 3310)]
    [InlineData("clamav", "clamav", 3310)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("tcp://[::1]:3310", "::1", 3310)]
    [InlineData("[::1]:3310", "::1", 3310)]
    [InlineData("tcp://127.0.0.1:3310/", "127.0.0.1", 3310)]
    public void Valid_connection_strings_give_host_and_port(string connectionString, string host, int port)
    {
        var settings = ClamAvSettings.Parse(connectionString);

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("unix:///var/run/clamav/clamd.ctl")]
    [InlineData("/var/run/clamav/clamd.ctl")]
    [InlineData("http://127.0.0.1:3310")]
    [InlineData("tcp://127.0.0.1:0")]
    [InlineData("tcp://127.0.0.1:65536")]
    [InlineData("127.0.0.1:port")]
    [InlineData("tcp://127.0.0.1:3310/scan")]
    [InlineData("tcp://127.0.0.1:3310?timeout=5")]
    [InlineData("tcp://user:secret@127.0.0.1:3310")]
    [InlineData("Host=127.0.0.1;Port=3310")]
    public void Invalid_connection_strings_are_rejected_with_a_reason(string? connectionString)
    {
        Assert.False(ClamAvSettings.TryParse(connectionString, out _, out var problem));
        Assert.NotEmpty(problem);
        Assert.Throws<FormatException>(() => ClamAvSettings.Parse(connectionString!));
    }

    [Fact]
    public void Defaults_apply_when_the_ClamAv_section_is_absent()
    {
        var settings = ClamAvSettings.FromConfiguration(Configuration(("ConnectionStrings:clamav", "127.0.0.1:3310")));

        Assert.Equal(TimeSpan.FromSeconds(5), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.IoTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.ScanTimeout);
        Assert.Equal(ClamAvSettings.DefaultChunkSize, settings.ChunkSize);
    }

    [Fact]
    public void The_ClamAv_section_overrides_timeouts_and_chunk_size()
    {
        var settings = ClamAvSettings.FromConfiguration(Configuration(
            ("ConnectionStrings:clamav", "tcp://scanner:3310"),
            ("ClamAv:ConnectTimeout", "00:00:02"),
            ("ClamAv:IoTimeout", "00:01:00"),
            ("ClamAv:ScanTimeout", "00:20:00"),
            ("ClamAv:ChunkSize", "131072")));

        Assert.Equal(new ClamAvSettings
        {
            Host = "scanner",
            Port = 3310,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            IoTimeout = TimeSpan.FromMinutes(1),
            ScanTimeout = TimeSpan.FromMinutes(20),
            ChunkSize = 131072,
        }, settings);
    }

    [Theory]
    [InlineData("ClamAv:ScanTimeout", "00:00:00")]
    [InlineData("ClamAv:IoTimeout", "-00:00:01")]
    [InlineData("ClamAv:ChunkSize", "0")]
    [InlineData("ClamAv:ChunkSize", "2097152")]
    public void Out_of_range_tuning_fails_at_startup(string key, string value)
    {
        var configuration = Configuration(("ConnectionStrings:clamav", "127.0.0.1:3310"), (key, value));

        Assert.Throws<InvalidOperationException>(() => ClamAvSettings.FromConfiguration(configuration));
    }

    [Fact]
    public void A_client_refuses_settings_that_are_out_of_range()
    {
        var settings = new ClamAvSettings { Host = "127.0.0.1", ChunkSize = 0 };

        Assert.Throws<InvalidOperationException>(() => new ClamAvClient(settings));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
