using System.Text.Json.Serialization;

namespace DigitalDelivery.Web.Api;

public sealed record SignedInUser(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles);
