using Azure;

namespace DigitalDelivery.Core.Storage;

/// <summary>
/// What a Blob storage call throws when the service failed or could not be reached: a RequestFailedException (a
/// connection failure arrives wrapped in one), an I/O error of a response stream, or, once the SDK's retries are
/// used up, an AggregateException of those.
/// </summary>
public static class BlobFailures
{
    public static bool IsStorageFailure(Exception exception) => exception switch
    {
        RequestFailedException or IOException or HttpRequestException => true,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => aggregate.InnerExceptions.All(IsStorageFailure),
        _ => false,
    };
}
