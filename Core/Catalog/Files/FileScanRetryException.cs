namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>clamd answered without a verdict for a reason that may pass (not a limit): the scan should be retried later.</summary>
public sealed class FileScanRetryException : Exception
{
    public FileScanRetryException()
    {
    }

    public FileScanRetryException(string message)
        : base(message)
    {
    }

    public FileScanRetryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
