namespace DigitalDelivery.Core.Payments;

public sealed record PaymentOperationSucceeded(PaymentSnapshot Payment) : PaymentOperationResult;
