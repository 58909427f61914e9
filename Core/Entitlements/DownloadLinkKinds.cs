namespace DigitalDelivery.Core.Entitlements;

public static class DownloadLinkKinds
{
    /// <summary>The customer's page of one order: lists its files and mints file links.</summary>
    public const string Order = "order";

    /// <summary>Downloads one entitlement's file.</summary>
    public const string File = "file";
}
