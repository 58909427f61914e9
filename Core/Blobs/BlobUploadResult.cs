namespace DigitalDelivery.Core.Blobs;

/// <summary>What was stored: its size, its SHA-256 (lower-case hex; null when not computed) and its ETag.</summary>
public sealed record BlobUploadResult(long Length, string? Sha256, string ETag);
