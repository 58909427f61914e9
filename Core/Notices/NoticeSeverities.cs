namespace DigitalDelivery.Core.Notices;

public static class NoticeSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
}
