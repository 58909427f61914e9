namespace DigitalDelivery.Tests.Operations;

/// <summary>Consumed on the delivery queue by <see cref="DeliveryProbeHandler"/>.</summary>
public sealed record DeliveryProbeMessage(string CustomerEmail);
