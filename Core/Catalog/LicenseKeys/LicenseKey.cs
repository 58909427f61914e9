using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.LicenseKeys;

/// <summary>
/// One license key of a product's pool. The key is stored encrypted (<see cref="ProtectedKey"/>, Data Protection)
/// and is never listed back: lists show <see cref="Hint"/>, its last characters. <see cref="KeyHash"/> (HMAC-SHA256
/// under the pool's key) finds duplicates without decrypting. Assignment takes the oldest available row with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent orders never get the same key (see <see cref="LicenseKeyAssigner"/>).
/// </summary>
public sealed class LicenseKey : ITenantOwned
{
    public long Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid ProductId { get; init; }
    public required byte[] KeyHash { get; init; }
    public required string ProtectedKey { get; init; }
    public required string Hint { get; init; }
    public Guid ImportId { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>Who got it (an order reference), set together with <see cref="AssignedAt"/>.</summary>
    public string? AssignedTo { get; set; }
}
