using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Orders;

/// <summary>
/// The Idempotency-Key of an order creation and the response it produced, kept until <see cref="ExpiresAt"/>.
/// The primary key (tenant, key) is what makes a concurrent retry wait for the first request and then replay it.
/// </summary>
public sealed class OrderIdempotencyRecord : ITenantOwned
{
    public Guid OrganizationId { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public Guid? OrderId { get; set; }
    public int ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
