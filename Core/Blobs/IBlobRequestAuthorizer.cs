namespace DigitalDelivery.Core.Blobs;

/// <summary>Adds the Authorization header to a request that is otherwise complete (x-ms-date and x-ms-version set).</summary>
internal interface IBlobRequestAuthorizer
{
    ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
