using System.Buffers.Text;
using System.Security.Cryptography;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Security.SigningKeys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>
/// The token signing keys, persisted in signing_keys (private keys encrypted with Data Protection) and cached
/// per instance. Keys are created on demand: one when none signs, and the next one
/// <see cref="AccessTokenOptions.SigningKeyPrePublication"/> before the current one rotates, so every instance and
/// every JWKS consumer knows a key before it signs anything. Creation is serialized with an advisory lock.
/// </summary>
public sealed class SigningKeyStore(
    IServiceScopeFactory scopeFactory,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<AccessTokenOptions> options) : IDisposable
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    // Any fixed number unique to this purpose among the project's advisory locks.
    private const long CreationLock = 0x5349474E4B455953; // "SIGNKEYS"

    private readonly IDataProtector _protector = dataProtection.CreateProtector("DigitalDelivery.SigningKeys.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The key that signs now.</summary>
    public async Task<LoadedSigningKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        var snapshot = await GetSnapshotAsync(cancellationToken);
        var now = time.GetUtcNow();
        return Signing(snapshot.Keys, now)
            ?? Signing((await ReloadAsync(cancellationToken)).Keys, now)
            ?? throw new InvalidOperationException("No signing key is active.");
    }

    /// <summary>Every key a token may carry now: active, recently retired and pre-published ones.</summary>
    public async Task<IReadOnlyList<LoadedSigningKey>> GetValidationKeysAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await GetSnapshotAsync(cancellationToken)).Keys.Where(k => k.ExpiresAt > now).ToList();
    }

    /// <summary>Drops the cache so the next call reads the database.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

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

        await ReloadAsync(cancellationToken);
    }

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < options.Value.KeyCacheDuration && Signing(snapshot.Keys, time.GetUtcNow()) is not null)
        {
            return snapshot;
        }

        return await ReloadAsync(cancellationToken);
    }

    private async Task<Snapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Callers that queued behind a reload take its result instead of reloading again.
            if (Volatile.Read(ref _snapshot) is { } fresh && fresh.LoadedAt >= requestedAt)
            {
                return fresh;
            }

            await using var scope = scopeFactory.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            var now = time.GetUtcNow();
            var keys = await LoadRowsAsync(db, now, cancellationToken);
            if (NeedsNewKey(keys, now, out _))
            {
                keys = await CreateMissingKeysAsync(db, cancellationToken);
            }

            var snapshot = new Snapshot(keys.Select(Load).ToList(), now);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
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
        var active = keys.Where(k => k.ActivatesAt <= now && k.RotatesAt > now).MaxBy(k => k.ActivatesAt);
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

    private LoadedSigningKey Load(SigningKey row)
    {
        // The ECDsa instances live as long as the snapshot that holds them; they hold no unmanaged handles
        // worth releasing early and may be in use by a token being signed or validated right now.
        var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(row.PublicKey, out _);
        var privateKey = ECDsa.Create();
        privateKey.ImportPkcs8PrivateKey(_protector.Unprotect(row.ProtectedPrivateKey), out _);
        return new LoadedSigningKey(
            row.Id,
            new ECDsaSecurityKey(publicKey) { KeyId = row.Id },
            new ECDsaSecurityKey(privateKey) { KeyId = row.Id },
            row.ActivatesAt,
            row.RotatesAt,
            row.ExpiresAt);
    }

    private static LoadedSigningKey? Signing(IReadOnlyList<LoadedSigningKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ActivatesAt <= now && k.RotatesAt > now).MaxBy(k => k.ActivatesAt);

    public void Dispose() => _loading.Dispose();

    private sealed record Snapshot(IReadOnlyList<LoadedSigningKey> Keys, DateTimeOffset LoadedAt);
}
