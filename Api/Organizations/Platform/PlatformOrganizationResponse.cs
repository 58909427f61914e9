using System.Text.Json.Serialization;
using DigitalDelivery.Core.Organizations;

namespace DigitalDelivery.Api.Organizations.Platform;

/// <summary>An organization as the platform operator sees it: the tenant's own view plus its status.</summary>
public sealed record PlatformOrganizationResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("suspended_at")] DateTimeOffset? SuspendedAt,
    [property: JsonPropertyName("suspension_reason")] string? SuspensionReason)
{
    public const string Active = "active";
    public const string Suspended = "suspended";

    public static PlatformOrganizationResponse From(Organization o) =>
        new(o.Id, o.Name, o.Slug, o.IsSuspended ? Suspended : Active, o.CreatedAt, o.SuspendedAt, o.SuspensionReason);
}
