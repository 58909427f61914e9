namespace DigitalDelivery.Core.Entitlements;

/// <summary>Lifetimes of the customers' links (section <c>Entitlements</c>).</summary>
public sealed class EntitlementOptions
{
    public const string SectionName = "Entitlements";

    /// <summary>
    /// How long a file link works. Short, so a revoke also ends links already handed out (no new one is minted), and
    /// long enough for a slow download to be resumed on the same link.
    /// </summary>
    public TimeSpan FileLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long before access ends the customer is told (entitlements with notify_customer_on_expiry).</summary>
    public TimeSpan ExpiryNoticeLead { get; set; } = TimeSpan.FromDays(3);
}
