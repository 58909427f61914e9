namespace DigitalDelivery.Core.Catalog.Delivery;

/// <summary>An effective delivery configuration: what fulfillment of a product's orders will actually use.</summary>
public sealed record DeliverySettings(
    bool AutoFulfillOnPayment,
    IReadOnlyList<string> Destinations,
    int RetryMaxAttempts,
    TimeSpan RetryBaseDelay,
    TimeSpan RetryMaxDelay)
{
    /// <summary>For a tenant that never set defaults: fulfil at once, e-mail the customer, retry 8 times from 30 s up to an hour.</summary>
    public static DeliverySettings BuiltIn { get; } =
        new(true, [DeliveryDestinations.Email], 8, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    public static DeliverySettings From(DeliveryDefaults defaults) => new(
        defaults.AutoFulfillOnPayment,
        defaults.Destinations,
        defaults.RetryMaxAttempts,
        TimeSpan.FromSeconds(defaults.RetryBaseDelaySeconds),
        TimeSpan.FromSeconds(defaults.RetryMaxDelaySeconds));

    /// <summary>These settings with the product's non-null overrides applied.</summary>
    public DeliverySettings Apply(ProductDeliveryConfig? overrides) => overrides is null ? this : new(
        overrides.AutoFulfillOnPayment ?? AutoFulfillOnPayment,
        overrides.Destinations ?? Destinations,
        overrides.RetryMaxAttempts ?? RetryMaxAttempts,
        overrides.RetryBaseDelaySeconds is { } baseDelay ? TimeSpan.FromSeconds(baseDelay) : RetryBaseDelay,
        overrides.RetryMaxDelaySeconds is { } maxDelay ? TimeSpan.FromSeconds(maxDelay) : RetryMaxDelay);
}
