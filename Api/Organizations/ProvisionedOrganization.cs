using DigitalDelivery.Core.Organizations;

namespace DigitalDelivery.Api.Organizations;

/// <summary>
/// A new organization with its first owner and API client, and the two secrets that exist in clear text only here:
/// the caller shows them once (standard output or the response body) and they are never stored or logged.
/// </summary>
public sealed record ProvisionedOrganization(
    Organization Organization,
    string OwnerEmail,
    string OwnerPassword,
    string ClientId,
    string ClientSecret,
    IReadOnlyList<string> Scopes)
{
    /// <summary>The credentials as key=value lines, the shape scripts (and the AppHost's credentials file) read.</summary>
    public async Task WriteCredentialsAsync(TextWriter output)
    {
        await output.WriteLineAsync($"organization_id={Organization.Id}");
        await output.WriteLineAsync($"organization_slug={Organization.Slug}");
        await output.WriteLineAsync($"owner_email={OwnerEmail}");
        await output.WriteLineAsync($"owner_password={OwnerPassword}");
        await output.WriteLineAsync($"client_id={ClientId}");
        await output.WriteLineAsync($"client_secret={ClientSecret}");
        await output.WriteLineAsync($"scopes={string.Join(' ', Scopes)}");
    }
}
