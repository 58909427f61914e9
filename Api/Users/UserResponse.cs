using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Users;

public sealed record UserResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("locked_out_until")] DateTimeOffset? LockedOutUntil,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
