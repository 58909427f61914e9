using System.ComponentModel.DataAnnotations;

namespace DigitalDelivery.Api.Users;

public sealed record CreateUserRequest(
    [property: Required, EmailAddress, MaxLength(256)] string Email,
    [property: Required, StringLength(1024, MinimumLength = 12)] string Password,
    [property: Required] string Role);
