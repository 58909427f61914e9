using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Notices;

public sealed record NoticeResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("subject_type")] string? SubjectType,
    [property: JsonPropertyName("subject_id")] string? SubjectId,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
