namespace DigitalDelivery.Tests.Messaging.Support;

/// <summary>The contract the messaging tests send; Number identifies a message within a test.</summary>
public sealed record TestMessage(int Number, string? Text = null);
