namespace DigitalDelivery.Tests.Operations;

/// <summary>Sent to the fulfillment queue, which nothing consumes in these tests: it stays ready or scheduled.</summary>
public sealed record WaitingProbeMessage(int Number);
