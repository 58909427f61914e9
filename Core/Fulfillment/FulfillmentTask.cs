using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Fulfillment;

/// <summary>
/// The fulfillment of one kind of an order (<see cref="FulfillmentTaskTypes"/>), created when the order is paid.
/// Worker moves it pending → in_progress → completed, or failed once its attempts are spent; every attempt is
/// counted and the last error kept for the operator. A manual fulfil call starts a failed task again.
/// </summary>
public sealed class FulfillmentTask : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid OrderId { get; init; }
    public required string Type { get; init; }
    public string Status { get; set; } = FulfillmentTaskStatuses.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Failed, or still being retried after an error: what a manual fulfil may start again.</summary>
    public bool IsFailing => Status == FulfillmentTaskStatuses.Failed || (Status != FulfillmentTaskStatuses.Completed && LastError is not null);
}
