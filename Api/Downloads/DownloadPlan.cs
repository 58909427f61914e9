using DigitalDelivery.Core.Downloads;
using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Downloads;

/// <summary>A request that passed every check: what to send and whom to count it for.</summary>
internal sealed record DownloadPlan(
    DownloadGrant Grant,
    GrantedFile File,
    byte[] ClientFingerprint,
    DateTimeOffset Now,
    IReadOnlyList<ByteRange>? Ranges,
    EntityTagHeaderValue ETag,
    DownloadAttemptRecord Record);
