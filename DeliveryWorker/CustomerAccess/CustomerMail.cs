namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>One plain-text mail to a customer.</summary>
public sealed record CustomerMail(string To, string Subject, string TextBody, string MessageId);
