namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// A catalog file travelling with a delivery: what a handler names and describes it by, and the blob it streams the
/// bytes from (<see cref="DeliveryFileContent"/>). <see cref="Name"/> is the merchant's sanitised file name, unique
/// within its delivery.
/// </summary>
public sealed record DeliveryFile(Guid Id, string Name, string ContentType, long SizeBytes, string Sha256, string BlobName);
