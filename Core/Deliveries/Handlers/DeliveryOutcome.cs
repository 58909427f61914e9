namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// What one attempt came to, whatever the destination's type. <see cref="ResponseStatus"/> is the peer's own code
/// where it has one (HTTP status, SMTP reply); <see cref="Result"/> says where a delivered payload landed (object
/// name, remote path, link). Handlers never throw for what the peer does: every failure is an outcome, and
/// <see cref="Retryable"/> says whether asking again can change it.
/// </summary>
public sealed record DeliveryOutcome
{
    public bool Succeeded { get; init; }
    public bool Retryable { get; init; }
    public int? ResponseStatus { get; init; }
    public string? Error { get; init; }
    public TimeSpan Duration { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public string? Result { get; init; }

    public static DeliveryOutcome Delivered(TimeSpan duration, string? result = null, int? status = null) =>
        new() { Succeeded = true, Duration = duration, Result = result, ResponseStatus = status };

    /// <summary>Timeouts, refused connections, a peer that is busy: worth another attempt later.</summary>
    public static DeliveryOutcome Transient(string error, TimeSpan duration, int? status = null, TimeSpan? retryAfter = null) =>
        new() { Retryable = true, Error = error, Duration = duration, ResponseStatus = status, RetryAfter = retryAfter };

    /// <summary>Bad credentials, a refused recipient, invalid configuration: the same answer every time.</summary>
    public static DeliveryOutcome Permanent(string error, TimeSpan duration, int? status = null) =>
        new() { Error = error, Duration = duration, ResponseStatus = status };

    /// <summary>
    /// HTTP's rule: 2xx only is success; timeouts, connection failures, 408, 429 and 5xx are retried; anything else is
    /// the receiver's answer and will not change by asking again.
    /// </summary>
    public static DeliveryOutcome FromHttpStatus(int status, TimeSpan duration, TimeSpan? retryAfter) => status switch
    {
        >= 200 and < 300 => Delivered(duration, status: status),
        408 or 429 or >= 500 => Transient($"HTTP {status}", duration, status, retryAfter),
        _ => Permanent($"HTTP {status}", duration, status),
    };
}
