using System.Data.Common;
using System.Security.Cryptography;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// Loads the signing keys before the server takes requests (<see cref="StartingAsync"/> runs before any hosted
/// service starts, the web server included), then reloads them when <see cref="SigningKeyStore.NextRefreshAt"/> says:
/// keys rotated by another instance or by <c>rotate-signing-key</c> arrive within the cache lifetime, and a key takes
/// over signing the moment it activates. A database that is down at start does not stop the Api from starting:
/// token requests fail with a 500 until a retry succeeds.
/// </summary>
internal sealed class SigningKeyRefresher(SigningKeyStore store, TimeProvider time, ILogger<SigningKeyRefresher> logger)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    private bool _lastFailed;

    public Task StartingAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = _lastFailed ? RetryDelay : store.NextRefreshAt - time.GetUtcNow();
            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, stoppingToken);
            await RefreshAsync(stoppingToken);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.RefreshAsync(cancellationToken);
            _lastFailed = false;
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or CryptographicException or TimeoutException)
        {
            _lastFailed = true;
            logger.LogWarning(exception, "Loading the signing keys failed; retrying in {Delay}.", RetryDelay);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
