using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>A freshly minted file link: the path of the public download endpoint and when it stops working.</summary>
public sealed record FileLinkResponse(
    [property: JsonPropertyName("download_url")] string DownloadUrl,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
