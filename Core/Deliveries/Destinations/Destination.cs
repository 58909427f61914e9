using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Destinations;

/// <summary>
/// Somewhere a merchant wants its events pushed: today a webhook URL. It subscribes to event types (exact names or
/// wildcards, <see cref="EventPatterns"/>), carries its own retry budget, and the circuit breaker's state lives on
/// the row so every DeliveryWorker replica sees the same breaker.
/// </summary>
public sealed class Destination : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public required string Type { get; init; }
    public required string Url { get; set; }
    public string[] Events { get; set; } = [];

    /// <summary>The signing secret (<c>whsec_...</c>), protected with Data Protection; never returned by the Api.</summary>
    public required string ProtectedSecret { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Attempts before a delivery fails for good; null is the default policy's.</summary>
    public int? MaxAttempts { get; set; }

    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? BreakerOpenUntil { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}
