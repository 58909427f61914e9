using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Identity.SignIn;

public sealed record CurrentUserResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("actor_type")] string ActorType,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes);
