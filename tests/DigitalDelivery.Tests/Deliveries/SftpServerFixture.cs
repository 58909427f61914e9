using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>One OpenSSH server of its own for the SFTP delivery tests, stopped when they are done.</summary>
public sealed class SftpServerFixture : IAsyncLifetime
{
    public SftpServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await SftpServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
