namespace DigitalDelivery.Core.Blobs;

/// <summary>Per-upload choices for <see cref="BlobStore.UploadAsync"/>.</summary>
public sealed record BlobUploadOptions
{
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Hash the content while it streams; the hex digest is returned and stored as metadata "sha256".</summary>
    public bool ComputeSha256 { get; init; } = true;

    /// <summary>When false the upload fails with 409 BlobAlreadyExists instead of replacing an existing blob.</summary>
    public bool Overwrite { get; init; } = true;

    /// <summary>User metadata (x-ms-meta-*): names must be C# identifiers, values printable ASCII.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
