namespace DigitalDelivery.Core.Payments.Webhooks;

public enum PaymentEventReceipt
{
    /// <summary>First delivery: the handler ran and its changes committed with the event id.</summary>
    Processed,

    /// <summary>The event id was recorded before: nothing ran.</summary>
    Duplicate,
}
