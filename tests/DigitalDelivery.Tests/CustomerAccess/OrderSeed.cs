namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>What <see cref="CustomerAccessFixture.SeedOrderAsync"/> makes; defaults give a live, limited entitlement.</summary>
public sealed record OrderSeed
{
    public string? Email { get; init; }
    public string CustomerName { get; init; } = "Ada Buyer";
    public string AssetName { get; init; } = "The Field Guide (PDF)";
    public int? MaxDownloads { get; init; } = 5;
    public int DownloadsUsed { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; } = DateTimeOffset.UtcNow.AddDays(30);
    public bool NotifyOnExpiry { get; init; }
    public bool Revoked { get; init; }
    public string? LicenseKey { get; init; }
    public string FileStatus { get; init; } = "clean";
}
