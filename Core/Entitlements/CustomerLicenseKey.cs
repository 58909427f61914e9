namespace DigitalDelivery.Core.Entitlements;

/// <summary>A license key as its buyer sees it: the product it unlocks and the key in clear.</summary>
public sealed record CustomerLicenseKey(string ProductName, string Key);
