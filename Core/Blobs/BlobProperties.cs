namespace DigitalDelivery.Core.Blobs;

/// <summary>A blob's system properties and user metadata, from Get Blob Properties (HEAD).</summary>
public sealed record BlobProperties(
    long ContentLength,
    string? ContentType,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
