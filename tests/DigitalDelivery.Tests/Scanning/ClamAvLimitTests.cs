using DigitalDelivery.Core.Scanning;
using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Scanning;

public sealed class ClamAvLimitTests(SmallLimitsClamAv clamAv) : IClassFixture<SmallLimitsClamAv>
{
    private ClamAvClient Client { get; } = new(ClamAvSettings.Parse(clamAv.Server.ConnectionString));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stream_longer_than_StreamMaxLength_is_a_failed_scan_with_the_limit_exceeded_not_an_exception()
    {
        var content = new GeneratedStream(3 * SmallLimitsClamAv.StreamMaxLength);

        var result = await Client.ScanAsync(content, Cancellation);

        var failed = Assert.IsType<ScanResult.Failed>(result);
        Assert.True(failed.LimitExceeded);
        Assert.Contains("size limit exceeded", failed.Reason, StringComparison.OrdinalIgnoreCase);
        // clamd refused early: the client stopped sending instead of pushing the remaining megabytes at a closed socket.
        Assert.True(content.Position < content.Length, $"read {content.Position} of {content.Length} bytes");
    }

    [Fact]
    public async Task A_stream_within_StreamMaxLength_but_over_MaxFileSize_is_a_failed_scan_not_a_silent_clean()
    {
        var content = new GeneratedStream(2 * SmallLimitsClamAv.MaxFileSize, EicarTestFile.Bytes(), insertAt: SmallLimitsClamAv.MaxFileSize + 10);

        var result = await Client.ScanAsync(content, Cancellation);

        var failed = Assert.IsType<ScanResult.Failed>(result);
        Assert.True(failed.LimitExceeded);
        Assert.Contains("Heuristics.Limits.Exceeded", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_refused_stream_the_same_client_still_scans()
    {
        await Client.ScanAsync(new GeneratedStream(2 * SmallLimitsClamAv.StreamMaxLength), Cancellation);

        using var eicar = new MemoryStream(EicarTestFile.Bytes());
        Assert.Equal(new ScanResult.Infected(ClamAvServer.EicarSignature), await Client.ScanAsync(eicar, Cancellation));
    }
}
