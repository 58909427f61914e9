namespace DigitalDelivery.Api.PaymentSandbox;

/// <summary>Problem types of the sandbox processor: one per wire code, e.g. .../payment-sandbox/invalid-state.</summary>
internal static class SandboxProblems
{
    public const string TypePrefix = "https://digitaldelivery.dev/problems/payment-sandbox/";
    public const string ValidationType = TypePrefix + "invalid-request";

    public static string TypeFor(string code) => TypePrefix + code.Replace('_', '-');
}
