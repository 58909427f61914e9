using DigitalDelivery.Core.Downloads;

namespace DigitalDelivery.Api.Downloads;

/// <summary>What one request did, filled in as it goes and queued to the attempt log once the response has completed.</summary>
internal sealed class DownloadAttemptRecord
{
    public Guid? FileId { get; set; }
    public int StatusCode { get; set; }
    public long BytesSent { get; set; }
    public string Outcome { get; set; } = DownloadOutcomes.Interrupted;
    public string? Reason { get; set; }
    public bool Counted { get; set; }

    public void Set(int statusCode, string outcome, string? reason = null)
    {
        StatusCode = statusCode;
        Outcome = outcome;
        Reason = reason;
    }
}
