namespace DigitalDelivery.Core.Catalog.Downloads;

/// <summary>A Clean file a download may stream or sign a URL for: where it is and what to call it.</summary>
public sealed record ServableFile(
    Guid FileId,
    string Container,
    string BlobName,
    string FileName,
    string ContentType,
    long SizeBytes,
    string Sha256,
    int AssetVersion);
