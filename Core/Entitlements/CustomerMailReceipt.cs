using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Entitlements;

/// <summary>
/// A customer mail that went out, keyed by the delivering message's idempotency key. Mail is an outside effect
/// handled at least once: the handler skips a message whose receipt exists, so only a crash between the SMTP
/// send and this row's commit can send a second mail (which then carries the same Message-Id).
/// </summary>
public sealed class CustomerMailReceipt : ITenantOwned
{
    public required string IdempotencyKey { get; init; }
    public Guid OrganizationId { get; init; }

    /// <summary><see cref="CustomerMailKinds"/>.</summary>
    public required string Kind { get; init; }

    public Guid OrderId { get; init; }
    public required string MessageId { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
