using System.ComponentModel.DataAnnotations;

namespace DigitalDelivery.Api.Users;

public sealed record ChangeRoleRequest([property: Required] string Role);
