using System.Net;

namespace DigitalDelivery.Core.Blobs;

/// <summary>
/// A Blob storage request failed: <see cref="StatusCode"/> and <see cref="ErrorCode"/> (the x-ms-error-code, e.g.
/// <c>BlobAlreadyExists</c>, <c>AuthenticationFailed</c>) tell what happened; both are null when no response arrived.
/// </summary>
public sealed class BlobStorageException : Exception
{
    public BlobStorageException()
    {
    }

    public BlobStorageException(string message)
        : base(message)
    {
    }

    public BlobStorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public BlobStorageException(string message, HttpStatusCode? statusCode, string? errorCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode? StatusCode { get; }

    public string? ErrorCode { get; }
}
