using DigitalDelivery.Core.Scanning;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Scanning;

public sealed class ClamAvClientTests(LocalInfrastructure infrastructure)
{
    private const int Megabyte = 1024 * 1024;

    private ClamAvClient Client { get; } = new(ClamAvSettings.Parse(infrastructure.ClamAv.ConnectionString));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clean_stream_of_20_MB_generated_on_the_fly_is_clean_and_read_in_bounded_chunks()
    {
        var content = new GeneratedStream(20L * Megabyte);

        var result = await Client.ScanAsync(content, Cancellation);

        Assert.IsType<ScanResult.Clean>(result);
        Assert.Equal(content.Length, content.Position);
        Assert.InRange(content.LargestReadRequested, 1, ClamAvSettings.DefaultChunkSize);
    }

    [Fact]
    public async Task The_EICAR_test_file_is_infected_with_the_generated_signature()
    {
        using var content = new MemoryStream(EicarTestFile.Bytes());

        var result = await Client.ScanAsync(content, Cancellation);

        Assert.Equal(new ScanResult.Infected(ClamAvServer.EicarSignature), result);
    }

    [Fact]
    public async Task EICAR_in_the_middle_of_a_few_megabytes_is_detected_even_across_a_chunk_boundary()
    {
        // Straddles the boundary between the 48th and 49th chunk, so clamd must match across chunks.
        var insertAt = (48L * ClamAvSettings.DefaultChunkSize) - 30;
        var content = new GeneratedStream(6L * Megabyte, EicarTestFile.Bytes(), insertAt);

        var result = await Client.ScanAsync(content, Cancellation);

        Assert.Equal(new ScanResult.Infected(ClamAvServer.EicarSignature), result);
    }

    [Fact]
    public async Task An_empty_stream_is_clean()
    {
        var result = await Client.ScanAsync(Stream.Null, Cancellation);

        Assert.IsType<ScanResult.Clean>(result);
    }

    [Fact]
    public async Task Scanning_starts_at_the_current_position_of_the_stream()
    {
        using var content = new MemoryStream([.. EicarTestFile.Bytes(), .. "harmless tail"u8.ToArray()]);
        content.Position = EicarTestFile.Length;

        var result = await Client.ScanAsync(content, Cancellation);

        Assert.IsType<ScanResult.Clean>(result);
    }

    [Fact]
    public async Task Concurrent_scans_on_one_client_each_get_their_own_verdict()
    {
        var scans = Enumerable.Range(0, 8).Select(i => Client.ScanAsync(
            new GeneratedStream(2L * Megabyte, i % 2 == 0 ? EicarTestFile.Bytes() : null, insertAt: 1000 * i), Cancellation));

        var results = await Task.WhenAll(scans);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? new ScanResult.Infected(ClamAvServer.EicarSignature) : new ScanResult.Clean(), results[i]);
        }
    }

    [Fact]
    public async Task Small_chunks_give_the_same_verdict()
    {
        var client = new ClamAvClient(ClamAvSettings.Parse(infrastructure.ClamAv.ConnectionString) with { ChunkSize = 7 });
        using var content = new MemoryStream(EicarTestFile.Bytes());

        var result = await client.ScanAsync(content, Cancellation);

        Assert.Equal(new ScanResult.Infected(ClamAvServer.EicarSignature), result);
    }

    [Fact]
    public async Task Cancelling_a_scan_midway_throws_OperationCanceledException_and_the_client_keeps_working()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var content = new GeneratedStream(50L * Megabyte, onRead: position =>
        {
            if (position >= 5L * Megabyte)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.ScanAsync(content, cancellation.Token));

        Assert.InRange(content.Position, 5L * Megabyte, (5L * Megabyte) + ClamAvSettings.DefaultChunkSize);
        Assert.IsType<ScanResult.Clean>(await Client.ScanAsync(new GeneratedStream(Megabyte), Cancellation));
    }

    [Fact]
    public async Task Ping_succeeds_against_a_running_clamd()
    {
        await Client.PingAsync(Cancellation);
    }

    [Fact]
    public async Task Version_names_the_engine_and_has_no_official_signature_version_with_the_generated_database()
    {
        var version = await Client.GetVersionAsync(Cancellation);

        Assert.StartsWith("ClamAV ", version.Engine, StringComparison.Ordinal);
        Assert.Null(version.SignatureVersion);
    }
}
