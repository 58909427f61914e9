using System.ComponentModel.DataAnnotations;

namespace DigitalDelivery.Api.Clients;

public sealed record CreateApiClientRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, MinLength(1)] string[] Scopes);
