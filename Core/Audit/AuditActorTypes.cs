namespace DigitalDelivery.Core.Audit;

public static class AuditActorTypes
{
    public const string User = "user";
    public const string Client = "client";
    public const string System = "system";
}
