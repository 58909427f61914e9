namespace DigitalDelivery.Api.Catalog.Common;

/// <summary>Audit action names of the catalog endpoints.</summary>
public static class CatalogAuditActions
{
    public const string FileUploaded = "file.uploaded";
    public const string FileDeleted = "file.deleted";
    public const string ProductCreated = "product.created";
    public const string ProductUpdated = "product.updated";
    public const string ProductDeleted = "product.deleted";
    public const string AssetAttached = "asset.attached";
    public const string AssetUpdated = "asset.updated";
    public const string AssetVersionAdded = "asset.version_added";
    public const string AssetRemoved = "asset.removed";
    public const string DeliveryConfigUpdated = "delivery_config.updated";
    public const string DeliveryDefaultsUpdated = "delivery_defaults.updated";
    public const string LicenseKeysImported = "license_keys.imported";
    public const string LicenseKeyPoolUpdated = "license_key_pool.updated";
}
