namespace DigitalDelivery.DeliveryWorker.Alerting;

/// <summary>What one check of an organization changed; Skipped when another replica was checking it.</summary>
public sealed record AlertCheck(bool Skipped, int Opened, int Escalated, int Resolved, int Disabled)
{
    public static AlertCheck WasSkipped { get; } = new(true, 0, 0, 0, 0);
}
