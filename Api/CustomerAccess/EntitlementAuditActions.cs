namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>Audit action names of the entitlement admin endpoints.</summary>
public static class EntitlementAuditActions
{
    public const string Revoked = "entitlement.revoked";
    public const string Reissued = "entitlement.reissued";
    public const string Extended = "entitlement.extended";
    public const string CountReset = "entitlement.count_reset";
}
