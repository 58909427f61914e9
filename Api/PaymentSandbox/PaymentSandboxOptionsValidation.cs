using Microsoft.Extensions.Options;

namespace DigitalDelivery.Api.PaymentSandbox;

internal sealed class PaymentSandboxOptionsValidation : IValidateOptions<PaymentSandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentSandboxOptions options) =>
        options.HangDelay > TimeSpan.Zero && options.WebhookPollInterval > TimeSpan.Zero && options.WebhookRetryBaseDelay > TimeSpan.Zero
        && options.WebhookMaxAttempts > 0 && options.WebhookTimeout > TimeSpan.Zero && !string.IsNullOrWhiteSpace(options.WebhookUrl)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Payments:Sandbox delays and timeouts must be positive, WebhookMaxAttempts at least 1 and WebhookUrl set.");
}
