namespace DigitalDelivery.Core.Fulfillment;

public static class FulfillmentTaskTypes
{
    /// <summary>Grant download entitlements for the order's files.</summary>
    public const string DigitalDelivery = "digital_delivery";

    /// <summary>Assign license keys from the products' pools.</summary>
    public const string LicenseKey = "license_key";
}
