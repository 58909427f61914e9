using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.Organizations;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// <c>Api seed</c>: on an empty database creates the first organization, its Owner and an API client, and prints
/// their credentials once, as key=value lines, to standard output (never to the logs). The first organization is
/// the platform operator's: its client holds every tenant scope and <see cref="Scopes.Platform"/>, with which the
/// operator creates the merchants. When any organization exists it changes nothing and prints no secret.
/// Settings: Seed:OrganizationName, Seed:OrganizationSlug, Seed:OwnerEmail.
/// </summary>
public sealed class FirstRunSeeder(DeliveryDbContext db, OrganizationProvisioning provisioning, IConfiguration configuration)
{
    public const string AlreadySeededLine = "DigitalDelivery is already initialised: nothing created, no credentials printed.";

    public async Task<int> SeedAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            await output.WriteLineAsync(AlreadySeededLine);
            return 0;
        }

        var provisioned = await provisioning.ProvisionAsync(
            configuration["Seed:OrganizationName"] ?? "Demo Merchant",
            configuration["Seed:OrganizationSlug"] ?? "demo",
            configuration["Seed:OwnerEmail"] ?? "owner@example.com",
            Scopes.All,
            cancellationToken);

        await output.WriteLineAsync("DigitalDelivery first run: created an organization, its owner and an API client.");
        await output.WriteLineAsync("These credentials are shown once and cannot be recovered; store them now.");
        await provisioned.WriteCredentialsAsync(output);
        return 0;
    }
}
