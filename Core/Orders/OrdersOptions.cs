namespace DigitalDelivery.Core.Orders;

/// <summary>Configuration section <c>Orders</c>.</summary>
public sealed class OrdersOptions
{
    public const string SectionName = "Orders";

    /// <summary>How long an unpaid order holds its stock.</summary>
    public TimeSpan ReservationWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an Idempotency-Key and its response are kept.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);
}
