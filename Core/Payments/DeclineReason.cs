namespace DigitalDelivery.Core.Payments;

/// <summary>Why a card was declined. On the wire: declined, insufficient_funds, incorrect_number.</summary>
public enum DeclineReason
{
    /// <summary>Generic decline; also what an unknown processor code maps to.</summary>
    Declined,
    InsufficientFunds,
    IncorrectNumber,
}
