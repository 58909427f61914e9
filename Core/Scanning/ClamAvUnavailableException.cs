namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// clamd could not be reached, closed the connection without answering, or did not answer in time.
/// Nothing is known about the content: callers retry later rather than record a verdict.
/// </summary>
public sealed class ClamAvUnavailableException : Exception
{
    public ClamAvUnavailableException()
    {
    }

    public ClamAvUnavailableException(string message)
        : base(message)
    {
    }

    public ClamAvUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
