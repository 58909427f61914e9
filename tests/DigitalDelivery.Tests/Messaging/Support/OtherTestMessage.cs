namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>A second contract on the same queue, for filters by message type.</summary>
public sealed record OtherTestMessage(int Number);
