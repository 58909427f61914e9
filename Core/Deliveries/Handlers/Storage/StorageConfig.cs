namespace DigitalDelivery.Core.Deliveries.Handlers.Storage;

/// <summary>
/// A storage destination's settings. Azure Blob: <c>account_url</c> (the Blob endpoint, e.g.
/// <c>https://account.blob.core.windows.net</c>), <c>account_name</c> and <c>container</c>, the account key as the
/// destination's secret. S3-compatible: <c>bucket</c>, <c>region</c>, <c>access_key_id</c>, optionally
/// <c>endpoint</c> (another S3 service) and <c>force_path_style</c>, the secret access key as its secret.
/// Both: <c>path_template</c> (see <see cref="ObjectNames"/>).
/// </summary>
public sealed record StorageConfig(
    string Provider,
    string? AccountUrl = null,
    string? AccountName = null,
    string? Container = null,
    string? Bucket = null,
    string? Region = null,
    string? AccessKeyId = null,
    string? Endpoint = null,
    bool? ForcePathStyle = null,
    string? PathTemplate = null)
{
    public const string AzureBlob = "azure_blob";
    public const string S3 = "s3";
}
