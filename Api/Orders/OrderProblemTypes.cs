namespace DigitalDelivery.Api.Orders;

/// <summary>Problem types of the orders endpoints (docs/orders.md); kept beside the feature to merge cleanly with ProblemTypes.</summary>
public static class OrderProblemTypes
{
    private const string Base = "https://digitaldelivery.dev/problems/";

    public const string IdempotencyKeyRequired = Base + "idempotency-key-required";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string ProductUnavailable = Base + "product-unavailable";
    public const string OutOfStock = Base + "out-of-stock";
    public const string InvalidOrderTransition = Base + "invalid-order-transition";
    public const string PaymentDeclined = Base + "payment-declined";
    public const string PaymentUnavailable = Base + "payment-unavailable";
    public const string NotFulfillable = Base + "order-not-fulfillable";
}
