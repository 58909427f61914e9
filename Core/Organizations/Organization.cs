namespace DigitalDelivery.Core.Organizations;

/// <summary>A merchant: the tenant that owns products, orders and everything derived from them.</summary>
public sealed class Organization
{
    public Guid Id { get; init; }
    public required string Name { get; set; }

    /// <summary>Lower-case, URL-safe, unique: how operators and scripts name a tenant.</summary>
    public required string Slug { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Set by a platform operator: the merchant's API clients and portal users are refused until it is cleared.
    /// Its customers are not: links and downloads already sold keep working (docs/identity.md).
    /// </summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    public string? SuspensionReason { get; set; }

    public bool IsSuspended => SuspendedAt is not null;
}
