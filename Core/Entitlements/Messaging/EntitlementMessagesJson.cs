using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Entitlements.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DownloadAccessExpiryNoticeDue))]
[JsonSerializable(typeof(CustomerLinksResendRequested))]
internal sealed partial class EntitlementMessagesJson : JsonSerializerContext;
