using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Deliveries.Links;

/// <summary>One request to a delivery's download link: who asked, what was answered, and whether it counted.</summary>
public sealed class DeliveryLinkDownload : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid DeliveryId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public int StatusCode { get; init; }
    public bool Counted { get; init; }
}
