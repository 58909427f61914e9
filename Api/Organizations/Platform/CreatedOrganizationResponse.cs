using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Organizations.Platform;

/// <summary>The new organization and its first credentials: the only response that ever holds them.</summary>
public sealed record CreatedOrganizationResponse(
    [property: JsonPropertyName("organization")] PlatformOrganizationResponse Organization,
    [property: JsonPropertyName("owner")] CreatedOrganizationResponse.OwnerCredentials Owner,
    [property: JsonPropertyName("client")] CreatedOrganizationResponse.ClientCredentials Client)
{
    public sealed record OwnerCredentials(
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("password")] string Password);

    public sealed record ClientCredentials(
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("client_secret")] string ClientSecret,
        [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes);

    public static CreatedOrganizationResponse From(ProvisionedOrganization p) => new(
        PlatformOrganizationResponse.From(p.Organization),
        new OwnerCredentials(p.OwnerEmail, p.OwnerPassword),
        new ClientCredentials(p.ClientId, p.ClientSecret, p.Scopes));
}
