namespace DigitalDelivery.Core.Payments.Sandbox;

/// <summary>
/// Card numbers that choose the sandbox processor's answer (the same numbers Stripe's test mode uses). Any other
/// number that passes the Luhn check is approved; one that fails it is declined as incorrect_number.
/// </summary>
public static class SandboxTestCards
{
    public const string Approved = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";

    /// <summary>The processor does not answer for Payments:Sandbox:HangDelay, longer than any client timeout.</summary>
    public const string Hangs = "4000000000000119";
}
