using System.ComponentModel.DataAnnotations;

namespace DigitalDelivery.Api.Identity.SignIn;

public sealed record SignInRequest(
    [property: Required, EmailAddress, MaxLength(256)] string Email,
    [property: Required, MaxLength(1024)] string Password);
