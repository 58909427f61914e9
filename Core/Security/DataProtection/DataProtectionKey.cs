namespace DigitalDelivery.Core.Security.DataProtection;

/// <summary>One XML element of the Data Protection key ring, shared by every instance of every service.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }
    public string? FriendlyName { get; init; }
    public required string Xml { get; init; }
}
