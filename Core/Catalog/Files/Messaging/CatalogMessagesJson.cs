using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Catalog.Files.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FileScanRequested))]
internal sealed partial class CatalogMessagesJson : JsonSerializerContext;
