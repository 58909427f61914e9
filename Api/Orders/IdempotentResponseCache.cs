using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitalDelivery.Api.Redis;

namespace DigitalDelivery.Api.Orders;

/// <summary>
/// The Redis fast path of order Idempotency-Keys. Only responses already committed to Postgres are written here,
/// so a hit is always a real order and a miss (or any Redis failure) falls through to Postgres, which stays the
/// source of truth: a Redis outage costs speed, never a duplicate. Keys are hashed (an Idempotency-Key may carry
/// whatever the storefront puts in it) and scoped by tenant. Failures are reported to <see cref="RedisAvailability"/>,
/// which logs them and skips a dead Redis for a while rather than letting every request wait on it.
/// </summary>
public sealed class IdempotentResponseCache(RedisAvailability redis)
{
    public async Task<CachedOrderResponse?> FindAsync(Guid organizationId, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (redis.Current is not { } database)
        {
            return null;
        }

        try
        {
            var json = await database.StringGetAsync(CacheKey(organizationId, idempotencyKey)).WaitAsync(cancellationToken);
            return json.IsNull ? null : JsonSerializer.Deserialize<CachedOrderResponse>(json.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            redis.ReportFailure(ex);
            return null;
        }
    }

    /// <summary>Best effort: call only after the response was committed.</summary>
    public async Task StoreAsync(Guid organizationId, string idempotencyKey, CachedOrderResponse response, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (redis.Current is not { } database || lifetime <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await database.StringSetAsync(CacheKey(organizationId, idempotencyKey), JsonSerializer.Serialize(response), lifetime)
                .WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            redis.ReportFailure(ex);
        }
    }

    private static string CacheKey(Guid organizationId, string idempotencyKey) =>
        $"idempotency:orders:{organizationId:N}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))}";
}
