using System.Text.Json;

namespace DigitalDelivery.Core.Deliveries.Handlers.Storage;

/// <summary>
/// Storage destinations: each delivery's payload written as one object named from the path template (a retry
/// overwrites its own object). The test writes a probe object and deletes it.
/// </summary>
internal sealed class StorageHandler(AzureBlobWriter azure, TimeProvider time) : IDestinationHandler
{
    public string Type => Destinations.DestinationTypes.Storage;

    public SecretUse Secret => SecretUse.Required;

    public object? ParseConfig(JsonElement config, string? secret, IDictionary<string, string[]> errors)
    {
        var parsed = DestinationConfigJson.Parse<StorageConfig>(config, errors);
        if (parsed is null)
        {
            return null;
        }

        switch (parsed.Provider)
        {
            case StorageConfig.AzureBlob:
                ValidateAzure(parsed, secret, errors);
                break;
            default:
                errors["config.provider"] = [$"config.provider must be {StorageConfig.AzureBlob}."];
                break;
        }

        if (ObjectNames.Problem(parsed.PathTemplate) is { } problem)
        {
            errors["config.path_template"] = [problem];
        }

        return errors.Count == 0 ? parsed : null;
    }

    public Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var config = target.ConfigAs<StorageConfig>();
        return azure.WriteAsync(config, target.Secret!, ObjectNames.Render(config.PathTemplate, delivery), BinaryData.FromString(delivery.Payload), cancellationToken);
    }

    public Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken)
    {
        var probe = ObjectNames.Probe(OutgoingDelivery.Test(target.Destination.Id, time.GetUtcNow()));
        return azure.ProbeAsync(target.ConfigAs<StorageConfig>(), target.Secret!, probe, cancellationToken);
    }

    private static void ValidateAzure(StorageConfig config, string? secret, IDictionary<string, string[]> errors)
    {
        if (!Uri.TryCreate(config.AccountUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query))
        {
            errors["config.account_url"] = ["config.account_url must be the account's Blob endpoint, e.g. https://account.blob.core.windows.net."];
        }

        if (config.AccountName is not { Length: >= 3 and <= 64 } name || !name.All(char.IsAsciiLetterOrDigit))
        {
            errors["config.account_name"] = ["config.account_name must be the storage account's name (letters and digits)."];
        }

        // Azure's container rule: 3-63 lower-case letters, digits and single hyphens, starting with a letter or digit.
        if (config.Container is not { Length: >= 3 and <= 63 } container || !container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || container.StartsWith('-') || container.EndsWith('-') || container.Contains("--", StringComparison.Ordinal))
        {
            errors["config.container"] = ["config.container must be an Azure container name: 3-63 lower-case letters, digits and single hyphens."];
        }

        if (secret is not null && !IsBase64(secret))
        {
            errors["secret"] = ["secret must be the storage account's key (base64)."];
        }

        foreach (var field in new[] { ("bucket", config.Bucket), ("region", config.Region), ("access_key_id", config.AccessKeyId), ("endpoint", config.Endpoint) })
        {
            if (field.Item2 is not null)
            {
                errors[$"config.{field.Item1}"] = [$"config.{field.Item1} belongs to s3 storage, not {StorageConfig.AzureBlob}."];
            }
        }
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
