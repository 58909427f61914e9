namespace DigitalDelivery.Core.Entitlements;

public static class CustomerMailKinds
{
    /// <summary>The link to the order's page and its license keys.</summary>
    public const string Access = "access";

    /// <summary>Access to a file ends soon.</summary>
    public const string ExpiryNotice = "expiry-notice";
}
