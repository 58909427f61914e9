namespace DigitalDelivery.Core.Persistence;

/// <summary>Names of the connections the AppHost injects as ConnectionStrings__&lt;name&gt;.</summary>
public static class ConnectionNames
{
    public const string Database = "deliverydb";
    public const string Cache = "cache";
    public const string Blobs = "blobs";
}
