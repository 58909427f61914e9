using System.Globalization;

namespace DigitalDelivery.LocalServers;

/// <summary>A redis-server on a free loopback port, password protected, nothing persisted.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Password = "local-dev-redis";

    private readonly ScratchDirectory _directory;
    private ServerProcess? _process;

    private RedisServer(ScratchDirectory directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The form the Aspire AppHost injects for a Redis resource.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(new ScratchDirectory("redis"), FreePort.Next());
        try
        {
            await server.RestartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task RestartAsync()
    {
        _process = ServerProcess.Start("redis-server", "redis-server",
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--requirepass", Password,
            "--save", "", "--appendonly", "no", "--dir", _directory.Path,
        ]);
        if (!await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => _process.HasExited))
        {
            throw _process.StartupFailure($"nothing listens on port {Port}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }
}
