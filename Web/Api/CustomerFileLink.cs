using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record CustomerFileLink(
    [property: JsonPropertyName("download_url")] string DownloadUrl,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
