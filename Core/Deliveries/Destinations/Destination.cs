using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Destinations;

/// <summary>
/// Somewhere a merchant wants its events pushed: a webhook, mailboxes, a storage container, an SFTP directory or
/// download links (<see cref="DestinationTypes"/>). <see cref="Config"/> holds the type's settings as JSON and never
/// a credential; the credential (signing secret, password, key) is <see cref="ProtectedSecret"/>, encrypted with Data
/// Protection and never returned by the Api. It subscribes to event types (exact names or wildcards,
/// <see cref="EventPatterns"/>), carries its own retry budget, and the circuit breaker's state lives on the row so
/// every DeliveryWorker replica sees the same breaker. The run of failures (<see cref="FailingSince"/>) and why it was
/// disabled are on the row too; the rest of its health is computed from its attempts (Health/).
/// </summary>
public sealed class Destination : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public required string Type { get; init; }

    /// <summary>The type's settings (JSON object, snake_case names), validated by the type's handler.</summary>
    public required string Config { get; set; }

    public string[] Events { get; set; } = [];

    /// <summary>The credential, protected with Data Protection (<see cref="DestinationSecrets.ProtectionPurpose"/>).</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>
    /// After a rotation, the previous signing secret keeps signing beside the new one until
    /// <see cref="PreviousSecretExpiresAt"/>, so receivers can switch without dropping a delivery.
    /// </summary>
    public string? ProtectedPreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Attempts before a delivery fails for good; null is the default policy's.</summary>
    public int? MaxAttempts { get; set; }

    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? BreakerOpenUntil { get; set; }

    /// <summary>Successes since the breaker went half-open; it closes when they reach the policy's trial count.</summary>
    public int HalfOpenSuccesses { get; set; }

    /// <summary>When the current run of failures began (null while the last attempt succeeded): auto-disable counts from it.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Why the destination stopped: an operator's reason, or continuous failure (<see cref="DisabledBy"/> automatic).</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>Who disabled it: the operator's subject, or <see cref="DestinationDisabling.Automatic"/>.</summary>
    public string? DisabledBy { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
}
