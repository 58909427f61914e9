namespace DigitalDelivery.Core.Security.SigningKeys;

/// <summary>
/// An ECDSA P-256 key that signs access tokens. Deployment-wide (not tenant-owned). Its life: published from
/// <see cref="CreatedAt"/>, signs from <see cref="ActivatesAt"/> until <see cref="RotatesAt"/>, and still
/// validates tokens until <see cref="ExpiresAt"/> so that tokens signed just before a rotation stay good.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The JWT <c>kid</c>.</summary>
    public required string Id { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>SubjectPublicKeyInfo (DER).</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>PKCS#8 private key encrypted with ASP.NET Core Data Protection.</summary>
    public required byte[] ProtectedPrivateKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ActivatesAt { get; init; }
    public DateTimeOffset RotatesAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
