using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Organizations.Platform;

public sealed record SuspendOrganizationRequest(
    [property: JsonPropertyName("reason"), Required, StringLength(500, MinimumLength = 1)] string Reason);
