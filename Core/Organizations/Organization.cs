namespace DigitalDelivery.Core.Organizations;

/// <summary>A merchant: the tenant that owns products, orders and everything derived from them.</summary>
public sealed class Organization
{
    public Guid Id { get; init; }
    public required string Name { get; set; }

    /// <summary>Lower-case, URL-safe, unique: how operators and scripts name a tenant.</summary>
    public required string Slug { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
