using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>One s3rver of its own for the S3 storage delivery tests, stopped when they are done.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public S3rverServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await S3rverServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
