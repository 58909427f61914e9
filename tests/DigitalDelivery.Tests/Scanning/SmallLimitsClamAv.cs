using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Scanning;

/// <summary>
/// A second clamd with tiny limits (StreamMaxLength 4 MiB, MaxFileSize and MaxScanSize 1 MiB), so the tests of
/// clamd's refusals need not push a gigabyte through the shared one.
/// </summary>
public sealed class SmallLimitsClamAv : IAsyncLifetime
{
    public const long StreamMaxLength = 4L * 1024 * 1024;
    public const long MaxFileSize = 1L * 1024 * 1024;

    public ClamAvServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await ClamAvServer.StartAsync(StreamMaxLength, MaxFileSize, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
