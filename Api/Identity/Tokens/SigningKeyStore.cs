using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Security.SigningKeys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// The token signing keys, persisted in signing_keys (private keys encrypted with Data Protection) so that every Api
/// instance signs and validates with the same ones. OpenIddict holds the keys in its options
/// (<see cref="OpenIddictSigningKeys"/>); this store loads them, creates them on demand and says when they change.
/// Keys are created on demand: one when none signs, and the next one
/// <see cref="AccessTokenOptions.SigningKeyPrePublication"/> before the current one rotates, so every instance and
/// every JWKS consumer knows a key before it signs anything. Creation is serialized with an advisory lock.
/// </summary>
public sealed class SigningKeyStore(
    IServiceScopeFactory scopeFactory,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<AccessTokenOptions> options,
    ILogger<SigningKeyStore> logger) : IDisposable
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    // Any fixed number unique to this purpose among the project's advisory locks.
    private const long CreationLock = 0x5349474E4B455953; // "SIGNKEYS"

    // Tokens naming an unknown key ask for a reload; made-up kids must not turn into database load.
    private static readonly TimeSpan MinimumRequestedRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("DigitalDelivery.SigningKeys.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private CancellationTokenSource _changed = new();
    private Snapshot? _snapshot;
    private long _lastRequestedRefreshTicks;

    /// <summary>
    /// The keys to hand to OpenIddict, the signing one first, then the pre-published and recently retired ones
    /// (published and accepted, never used to sign); null until the first load succeeded.
    /// </summary>
    public IReadOnlyList<SigningCredentials>? Current => Volatile.Read(ref _snapshot)?.Credentials;

    /// <summary>When the next reload is due: the cache lifetime, or sooner when a key starts or stops signing.</summary>
    public DateTimeOffset NextRefreshAt => Volatile.Read(ref _snapshot)?.NextRefreshAt ?? time.GetUtcNow();

    /// <summary>Fires when <see cref="Current"/> changed (another key signs, or a key was published or dropped).</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Reads the keys from the database, creating the missing ones.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            var now = time.GetUtcNow();
            var rows = await LoadRowsAsync(db, now, cancellationToken);
            if (NeedsNewKey(rows, now, out _))
            {
                rows = await CreateMissingKeysAsync(db, cancellationToken);
            }

            Publish(rows, time.GetUtcNow()); // keys just created activate after the "now" above
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>A token named a key this instance does not know: reload soon, at most every few seconds.</summary>
    public void RequestRefresh()
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastRequestedRefreshTicks);
        if (now - last < MinimumRequestedRefreshInterval.Ticks || Interlocked.CompareExchange(ref _lastRequestedRefreshTicks, now, last) != last)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(CancellationToken.None);
            }
            catch (Exception exception) when (exception is DbException or InvalidOperationException or CryptographicException)
            {
                logger.LogWarning(exception, "Reloading the signing keys failed; the scheduled reload retries.");
            }
        });
    }

    /// <summary>Retires the signing key now (it still validates until its tokens expire) and activates a new one.</summary>
    public async Task RotateNowAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreationLock})", cancellationToken);
            var now = time.GetUtcNow();
            var keys = await db.Set<SigningKey>().Where(k => k.ExpiresAt > now).ToListAsync(cancellationToken);
            foreach (var key in keys)
            {
                if (key.ActivatesAt > now)
                {
                    db.Remove(key); // pre-published but never used: the new key replaces it
                }
                else if (key.RotatesAt > now)
                {
                    key.RotatesAt = now;
                    key.ExpiresAt = now + options.Value.ValidationOverlap;
                }
            }

            db.Add(CreateKey(now, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await RefreshAsync(cancellationToken);
    }

    private void Publish(List<SigningKey> rows, DateTimeOffset now)
    {
        var signing = Signing(rows, now) ?? throw new InvalidOperationException("No signing key is active.");
        var ordered = rows.Where(k => k != signing).Prepend(signing).ToList();
        var boundaries = rows.SelectMany(k => new[] { k.ActivatesAt, k.RotatesAt, k.ExpiresAt }).Where(at => at > now);
        var nextRefreshAt = boundaries.Append(now + options.Value.KeyCacheDuration).Min();

        var previous = Volatile.Read(ref _snapshot);
        if (previous is not null && previous.KeyIds.SequenceEqual(ordered.Select(k => k.Id)))
        {
            Volatile.Write(ref _snapshot, previous with { NextRefreshAt = nextRefreshAt });
            return;
        }

        // ECDsa instances stay alive with the options that hold them: a token may be signed or checked with one now.
        var credentials = ordered.Select(row =>
        {
            var privateKey = ECDsa.Create();
            privateKey.ImportPkcs8PrivateKey(_protector.Unprotect(row.ProtectedPrivateKey), out _);
            return new SigningCredentials(new ECDsaSecurityKey(privateKey) { KeyId = row.Id }, Algorithm);
        }).ToList();
        Volatile.Write(ref _snapshot, new Snapshot(credentials, ordered.Select(k => k.Id).ToList(), nextRefreshAt));
        var changed = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        changed.Cancel();
        changed.Dispose();
        logger.LogInformation("Signing keys loaded: {KeyId} signs, {Count} published.", signing.Id, credentials.Count);
    }

    private async Task<List<SigningKey>> CreateMissingKeysAsync(DeliveryDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreationLock})", cancellationToken);
        var now = time.GetUtcNow();
        var keys = await LoadRowsAsync(db, now, cancellationToken); // another instance may have won the race
        while (NeedsNewKey(keys, now, out var activatesAt))
        {
            var key = CreateKey(now, activatesAt);
            db.Add(key);
            keys.Add(key);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return keys;
    }

    private static Task<List<SigningKey>> LoadRowsAsync(DeliveryDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<SigningKey>().Where(k => k.ExpiresAt > now).OrderBy(k => k.ActivatesAt).ToListAsync(cancellationToken);

    private bool NeedsNewKey(List<SigningKey> keys, DateTimeOffset now, out DateTimeOffset activatesAt)
    {
        var active = Signing(keys, now);
        if (active is null)
        {
            activatesAt = now;
            return true;
        }

        activatesAt = active.RotatesAt;
        var successorKnown = keys.Any(k => k.ActivatesAt > active.ActivatesAt);
        return !successorKnown && active.RotatesAt - now < options.Value.SigningKeyPrePublication;
    }

    private SigningKey CreateKey(DateTimeOffset now, DateTimeOffset activatesAt)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rotatesAt = activatesAt + options.Value.SigningKeyRotation;
        return new SigningKey
        {
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
            Algorithm = Algorithm,
            PublicKey = ecdsa.ExportSubjectPublicKeyInfo(),
            ProtectedPrivateKey = _protector.Protect(ecdsa.ExportPkcs8PrivateKey()),
            CreatedAt = now,
            ActivatesAt = activatesAt,
            RotatesAt = rotatesAt,
            ExpiresAt = rotatesAt + options.Value.ValidationOverlap,
        };
    }

    private static SigningKey? Signing(IEnumerable<SigningKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ActivatesAt <= now && k.RotatesAt > now).MaxBy(k => k.ActivatesAt);

    public void Dispose()
    {
        _loading.Dispose();
        _changed.Dispose();
    }

    private sealed record Snapshot(IReadOnlyList<SigningCredentials> Credentials, IReadOnlyList<string> KeyIds, DateTimeOffset NextRefreshAt);
}
