namespace DigitalDelivery.Core.Downloads;

/// <summary>The Clean catalog file an entitlement serves (same choice as ServableFiles).</summary>
public sealed record GrantedFile(Guid FileId, string BlobName, string FileName, string ContentType, long SizeBytes, string Sha256);
