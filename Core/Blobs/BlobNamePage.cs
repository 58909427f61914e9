namespace DigitalDelivery.Core.Blobs;

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back for the next page (null: no more).</summary>
public sealed record BlobNamePage(IReadOnlyList<string> Names, string? ContinuationToken);
