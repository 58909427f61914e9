namespace DigitalDelivery.Core.Payments;

/// <summary>The processor refused the operation; nothing changed. <paramref name="Detail"/> is for logs and operators.</summary>
public sealed record PaymentOperationRefused(PaymentRefusalReason Reason, string Detail) : PaymentOperationResult;
