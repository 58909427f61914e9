namespace DigitalDelivery.Core.Payments;

public enum PaymentProviderUnavailableReason
{
    /// <summary>No answer within the per-call timeout.</summary>
    Timeout,

    /// <summary>Too many recent failures: the call was not attempted.</summary>
    CircuitOpen,

    /// <summary>The connection failed.</summary>
    Unreachable,

    /// <summary>The processor answered with a server error (5xx).</summary>
    ProcessorError,
}
