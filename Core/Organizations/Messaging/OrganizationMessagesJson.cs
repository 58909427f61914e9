using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Organizations.Messaging;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrganizationCreated))]
[JsonSerializable(typeof(OrganizationWelcomeRequested))]
internal sealed partial class OrganizationMessagesJson : JsonSerializerContext;
