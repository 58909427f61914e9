using System.Text.Json.Serialization;
using DigitalDelivery.Core.Downloads;

namespace DigitalDelivery.Api.Downloads;

public sealed record DownloadAttemptResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("order_id")] Guid OrderId,
    [property: JsonPropertyName("entitlement_id")] Guid EntitlementId,
    [property: JsonPropertyName("file_id")] Guid? FileId,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("ip_address")] string IpAddress,
    [property: JsonPropertyName("user_agent")] string? UserAgent,
    [property: JsonPropertyName("range")] string? Range,
    [property: JsonPropertyName("status_code")] int StatusCode,
    [property: JsonPropertyName("bytes_sent")] long BytesSent,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("counted")] bool Counted)
{
    public static DownloadAttemptResponse From(DownloadAttempt a) => new(
        a.Id, a.OrderId, a.DownloadAccessId, a.FileId, a.OccurredAt, a.Method, a.IpAddress, a.UserAgent, a.Range, a.StatusCode, a.BytesSent,
        a.Outcome, a.Reason, a.Counted);
}
