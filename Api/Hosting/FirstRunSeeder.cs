using System.Buffers.Text;
using System.Security.Cryptography;
using DigitalDelivery.Api.Clients;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Core.Clients;
using DigitalDelivery.Core.Identity;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// <c>Api seed</c>: on an empty database creates the first organization, its Owner and an API client with every
/// scope, and prints their credentials once, as key=value lines, to standard output (never to the logs).
/// When any organization exists it changes nothing and prints no secret. Settings: Seed:OrganizationName,
/// Seed:OrganizationSlug, Seed:OwnerEmail.
/// </summary>
public sealed class FirstRunSeeder(
    DeliveryDbContext db,
    OrganizationRegistration registration,
    UserManager<PortalUser> users,
    ClientSecrets secrets,
    IConfiguration configuration,
    TimeProvider time)
{
    public const string AlreadySeededLine = "DigitalDelivery is already initialised: nothing created, no credentials printed.";

    public async Task<int> SeedAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(cancellationToken))
        {
            await output.WriteLineAsync(AlreadySeededLine);
            return 0;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await registration.RegisterAsync(
            configuration["Seed:OrganizationName"] ?? "Demo Merchant",
            configuration["Seed:OrganizationSlug"] ?? "demo",
            cancellationToken);

        var email = configuration["Seed:OwnerEmail"] ?? "owner@example.com";
        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var owner = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organization.Id,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Creating the owner failed: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(owner, PortalRoles.Owner);

        var secret = ClientSecrets.NewSecret();
        var client = new ApiClient
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organization.Id,
            ClientId = ClientSecrets.NewClientId(),
            Name = "First-run client",
            SecretHash = secrets.Hash(secret),
            Scopes = Scopes.All.ToArray(),
            CreatedAt = now,
        };
        db.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await output.WriteLineAsync("DigitalDelivery first run: created an organization, its owner and an API client.");
        await output.WriteLineAsync("These credentials are shown once and cannot be recovered; store them now.");
        await output.WriteLineAsync($"organization_id={organization.Id}");
        await output.WriteLineAsync($"organization_slug={organization.Slug}");
        await output.WriteLineAsync($"owner_email={email}");
        await output.WriteLineAsync($"owner_password={password}");
        await output.WriteLineAsync($"client_id={client.ClientId}");
        await output.WriteLineAsync($"client_secret={secret}");
        await output.WriteLineAsync($"scopes={string.Join(' ', client.Scopes)}");
        return 0;
    }
}
