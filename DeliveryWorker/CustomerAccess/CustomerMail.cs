namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>One mail to a customer: the same content as plain text and as HTML (multipart/alternative).</summary>
public sealed record CustomerMail(string To, string Subject, CustomerMailBody Body, string MessageId);
