namespace DigitalDelivery.Api.Orders;

/// <summary>Audit action names of the orders endpoints.</summary>
public static class OrderAuditActions
{
    public const string OrderCreated = "order.created";
    public const string OrderCancelled = "order.cancelled";
    public const string PaymentAuthorized = "order.payment_authorized";
    public const string FulfillmentRequested = "order.fulfillment_requested";
}
