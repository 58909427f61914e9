namespace DigitalDelivery.Core.Blobs;

/// <summary>How requests to Blob storage are authorized.</summary>
public enum BlobAuthenticationMode
{
    /// <summary>HMAC-SHA256 with the account key (connection string with AccountKey, e.g. the emulator).</summary>
    SharedKey,

    /// <summary>Microsoft Entra ID bearer tokens from a TokenCredential (a bare service URI; DefaultAzureCredential).</summary>
    TokenCredential,
}
