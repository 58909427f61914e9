using DigitalDelivery.Core.Deliveries.Engine;

namespace DigitalDelivery.DeliveryWorker.Engine;

/// <summary>Configuration section <c>Deliveries</c>: <c>Retry:*</c> and <c>Breaker:*</c> (seed defaults).</summary>
public sealed class DeliveryEngineOptions
{
    public const string SectionName = "Deliveries";

    public DeliveryRetryPolicy Retry { get; set; } = new();
    public CircuitBreakerPolicy Breaker { get; set; } = new();
}
