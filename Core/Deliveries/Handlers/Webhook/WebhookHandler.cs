using System.Text.Json;

namespace DigitalDelivery.Core.Deliveries.Handlers.Webhook;

/// <summary>Webhook destinations: a signed POST of the payload; the test posts a signed <c>destination.test</c> event.</summary>
internal sealed class WebhookHandler(WebhookSender sender, TimeProvider time) : IDestinationHandler
{
    public string Type => Destinations.DestinationTypes.Webhook;

    public SecretUse Secret => SecretUse.Generated;

    public object? ParseConfig(JsonElement config, string? secret, IDictionary<string, string[]> errors)
    {
        if (secret is not null && !WebhookSecrets.IsValid(secret))
        {
            errors["secret"] = ["secret must be whsec_ followed by 24 to 64 bytes in base64; leave it out to have one made."];
        }

        var parsed = DestinationConfigJson.Parse<WebhookConfig>(config, errors);
        if (parsed is null)
        {
            return null;
        }

        if (!HttpUrls.IsValid(parsed.Url) || parsed.Url.Length > 2048)
        {
            errors["config.url"] = ["config.url must be an absolute http or https URL of at most 2048 characters, without credentials in it."];
        }

        if (parsed.TimeoutSeconds is < 1 or > WebhookConfig.MaxTimeoutSeconds)
        {
            errors["config.timeout_seconds"] = [$"config.timeout_seconds must be between 1 and {WebhookConfig.MaxTimeoutSeconds}."];
        }

        return errors.Count == 0 ? parsed : null;
    }

    public Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken) =>
        sender.SendAsync(target.ConfigAs<WebhookConfig>(), Secrets(target), delivery.DeliveryId.ToString(), delivery.Payload, cancellationToken);

    public Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken)
    {
        var test = OutgoingDelivery.Test(target.Destination.Id, time.GetUtcNow());
        return sender.SendAsync(target.ConfigAs<WebhookConfig>(), Secrets(target), $"test_{test.DeliveryId:N}", test.Payload, cancellationToken);
    }

    private static string[] Secrets(DestinationTarget target) =>
        target.PreviousSecret is { } previous ? [target.Secret!, previous] : [target.Secret!];
}
