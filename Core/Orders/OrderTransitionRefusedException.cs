namespace DigitalDelivery.Core.Orders;

/// <summary>A move the transition table does not allow; the Api answers 409 with <see cref="CurrentStatus"/>.</summary>
public sealed class OrderTransitionRefusedException(Guid orderId, string currentStatus, string requestedStatus)
    : InvalidOperationException($"Order {orderId} cannot move from {currentStatus} to {requestedStatus}.")
{
    public Guid OrderId { get; } = orderId;
    public string CurrentStatus { get; } = currentStatus;
    public string RequestedStatus { get; } = requestedStatus;
}
