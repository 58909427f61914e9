namespace DigitalDelivery.Core.Entitlements.Messaging;

/// <summary>
/// Tells DeliveryWorker that an entitlement's access ends soon. Scheduled (NotBefore) by <see cref="ExpiryNotices"/>
/// when access is granted or extended; <paramref name="ExpiresAt"/> is the expiry it was scheduled for, so a notice
/// whose entitlement was extended since is recognised as stale and dropped.
/// </summary>
public sealed record DownloadAccessExpiryNoticeDue(Guid OrganizationId, Guid DownloadAccessId, DateTimeOffset ExpiresAt);
