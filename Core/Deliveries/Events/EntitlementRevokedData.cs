namespace DigitalDelivery.Core.Deliveries;

/// <summary>The <c>data</c> of <c>entitlement.revoked</c> (by an operator; refunds revoke too and say order.refunded).</summary>
public sealed record EntitlementRevokedData(Guid EntitlementId, Guid OrderId, Guid ProductId, string CustomerEmail, string Reason, DateTimeOffset RevokedAt);
