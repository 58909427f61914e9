using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Deliveries.Handlers.Storage;

/// <summary>
/// Storage destinations: each delivery's payload written as one object named from the path template (a retry
/// overwrites its own objects), to Azure Blob or S3 as the provider says. A delivery's files are streamed from the
/// catalog's Blob storage into a folder beside the payload first, and the payload last, so a receiver that sees the
/// payload finds every file it lists already complete. The test writes a probe object and deletes it.
/// </summary>
internal sealed partial class StorageHandler(AzureBlobWriter azure, S3ObjectWriter s3, DeliveryFileContent files, TimeProvider time) : IDestinationHandler
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
            case StorageConfig.S3:
                ValidateS3(parsed, secret, errors);
                break;
            default:
                errors["config.provider"] = [$"config.provider must be {StorageConfig.AzureBlob} or {StorageConfig.S3}."];
                break;
        }

        if (ObjectNames.Problem(parsed.PathTemplate) is { } problem)
        {
            errors["config.path_template"] = [problem];
        }

        return errors.Count == 0 ? parsed : null;
    }

    public async Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var config = target.ConfigAs<StorageConfig>();
        var name = ObjectNames.Render(config.PathTemplate, delivery);
        var elapsed = TimeSpan.Zero;
        foreach (var file in delivery.Files)
        {
            await using var content = await files.OpenReadAsync(file, cancellationToken);
            var stored = config.Provider == StorageConfig.S3
                ? await s3.WriteAsync(config, target.Secret!, ObjectNames.ForFile(name, file), content, file.ContentType, cancellationToken)
                : await azure.WriteAsync(config, target.Secret!, ObjectNames.ForFile(name, file), content, file.ContentType, cancellationToken);
            elapsed += stored.Duration;
            if (!stored.Succeeded)
            {
                return stored with { Duration = elapsed, Error = $"{file.Name}: {stored.Error}" };
            }
        }

        var payload = config.Provider == StorageConfig.S3
            ? await s3.WriteAsync(config, target.Secret!, name, delivery.Payload, cancellationToken)
            : await azure.WriteAsync(config, target.Secret!, name, BinaryData.FromString(delivery.Payload), cancellationToken);
        return payload with { Duration = elapsed + payload.Duration };
    }

    public Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken)
    {
        var config = target.ConfigAs<StorageConfig>();
        var probe = ObjectNames.Probe(OutgoingDelivery.Test(target.Destination.Id, time.GetUtcNow()));
        return config.Provider == StorageConfig.S3
            ? s3.ProbeAsync(config, target.Secret!, probe, cancellationToken)
            : azure.ProbeAsync(config, target.Secret!, probe, cancellationToken);
    }

    private static void ValidateAzure(StorageConfig config, string? secret, IDictionary<string, string[]> errors)
    {
        if (!HttpUrls.IsValid(config.AccountUrl, allowQuery: false))
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

        RefuseOthers(errors, StorageConfig.S3, StorageConfig.AzureBlob,
            ("bucket", config.Bucket), ("region", config.Region), ("access_key_id", config.AccessKeyId), ("endpoint", config.Endpoint),
            ("force_path_style", config.ForcePathStyle));
    }

    private static void ValidateS3(StorageConfig config, string? secret, IDictionary<string, string[]> errors)
    {
        // S3's general purpose bucket rules: 3-63 characters, lower-case letters, digits, dots and hyphens, starting
        // and ending with a letter or digit, no adjacent dots, not shaped like an IP address.
        if (config.Bucket is not { Length: >= 3 and <= 63 } bucket || !BucketName().IsMatch(bucket) || bucket.Contains("..", StringComparison.Ordinal)
            || IPAddress.TryParse(bucket, out _) || bucket.StartsWith("xn--", StringComparison.Ordinal) || bucket.EndsWith("-s3alias", StringComparison.Ordinal))
        {
            errors["config.bucket"] = ["config.bucket must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit."];
        }

        if (config.Endpoint is null && (config.Region is null || !AwsRegion().IsMatch(config.Region)))
        {
            errors["config.region"] = ["config.region must be the bucket's AWS region, e.g. eu-central-1 (it may be left out only with an endpoint)."];
        }
        else if (config.Region is { } region && (region.Length is 0 or > 64 || region.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            errors["config.region"] = ["config.region must be a region name without spaces, e.g. us-east-1."];
        }

        if (config.Endpoint is not null && !HttpUrls.IsValid(config.Endpoint, allowQuery: false))
        {
            errors["config.endpoint"] = ["config.endpoint must be the S3-compatible service's absolute http or https URL, without credentials or a query."];
        }

        if (config.AccessKeyId is not { Length: >= 3 and <= 128 } accessKey || accessKey.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors["config.access_key_id"] = ["config.access_key_id must be the access key's id (3 to 128 characters without spaces)."];
        }

        if (secret is not null && (secret.Length is 0 or > 256 || secret.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            errors["secret"] = ["secret must be the secret access key (at most 256 characters without spaces)."];
        }

        RefuseOthers(errors, StorageConfig.AzureBlob, StorageConfig.S3,
            ("account_url", config.AccountUrl), ("account_name", config.AccountName), ("container", config.Container));
    }

    private static void RefuseOthers(IDictionary<string, string[]> errors, string owner, string provider, params (string Field, object? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value is not null)
            {
                errors[$"config.{field}"] = [$"config.{field} belongs to {owner} storage, not {provider}."];
            }
        }
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+$")]
    private static partial Regex AwsRegion();
}
