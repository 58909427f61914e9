namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// The shared secret of the processor's webhooks (configuration section Payments:Sandbox). During a rotation the
/// new secret goes in <see cref="WebhookSecret"/> and the old ones in <see cref="PreviousWebhookSecrets"/>: the
/// sandbox signs with all of them (one v1 each) and the verifier accepts a match with any.
/// </summary>
public sealed class PaymentWebhookOptions
{
    public const string Section = "Payments:Sandbox";

    public string? WebhookSecret { get; set; }

    public IList<string> PreviousWebhookSecrets { get; } = [];

    /// <summary>How far a signature's timestamp may be from now, either way, before it counts as a replay.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);

    public IReadOnlyList<string> Secrets =>
        [.. new[] { WebhookSecret }.Concat(PreviousWebhookSecrets).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).Distinct(StringComparer.Ordinal)];
}
