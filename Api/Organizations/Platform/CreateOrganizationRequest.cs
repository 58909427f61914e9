using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Organizations.Platform;

public sealed record CreateOrganizationRequest(
    [property: JsonPropertyName("name"), Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: JsonPropertyName("slug"), Required, RegularExpression(OrganizationSlug.Pattern, ErrorMessage = OrganizationSlug.Rule)] string Slug,
    [property: JsonPropertyName("owner_email"), Required, EmailAddress, MaxLength(256)] string OwnerEmail);
