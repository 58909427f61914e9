namespace DigitalDelivery.Api.Catalog.Files;

/// <summary>Thrown by <see cref="LimitedUploadStream"/> when an upload passes the tenant's size limit; answered with 413.</summary>
public sealed class FileTooLargeException : Exception
{
    public FileTooLargeException()
    {
    }

    public FileTooLargeException(string message)
        : base(message)
    {
    }

    public FileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Limit { get; init; }
}
