using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Users;

public sealed record CreateUserRequest(
    [property: Required, EmailAddress, MaxLength(256)] string Email,
    [property: Required, StringLength(1024, MinimumLength = 12)] string Password,
    [property: Required] string Role);

public sealed record ChangeRoleRequest([property: Required] string Role);

public sealed record UserResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("locked_out_until")] DateTimeOffset? LockedOutUntil,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
