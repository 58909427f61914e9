using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Entitlements.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DownloadAccessExpiryNoticeDue))]
internal sealed partial class EntitlementMessagesJson : JsonSerializerContext;
