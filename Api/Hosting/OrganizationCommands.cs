using System.CommandLine;
using DigitalDelivery.Api.Organizations.Platform;

namespace DigitalDelivery.Api.Hosting;

/// <summary>
/// <c>Api organizations ...</c>: the platform operator's console on the database the configuration names, for
/// machines where no platform client exists yet or the Api is down. Does what the platform API does
/// (<see cref="PlatformOrganizations"/>); credentials of a new organization go to standard output only, once.
/// </summary>
public static class OrganizationCommands
{
    public static Command Create(IServiceProvider services)
    {
        var organizations = new Command("organizations", "Create, list, suspend and reactivate organizations (merchants).");
        organizations.Add(CreateCommand(services));
        organizations.Add(ListCommand(services));
        organizations.Add(SuspendCommand(services));
        organizations.Add(ReactivateCommand(services));
        return organizations;
    }

    private static Command CreateCommand(IServiceProvider services)
    {
        var name = new Option<string>("--name") { Description = "Display name of the merchant.", Required = true };
        var slug = new Option<string>("--slug") { Description = "Unique, lower-case, URL-safe name (a-z, 0-9, -).", Required = true };
        var ownerEmail = new Option<string>("--owner-email") { Description = "Email of the first portal user (role Owner).", Required = true };
        slug.Validators.Add(result =>
        {
            if (!OrganizationSlug.IsValid(result.GetValueOrDefault<string>()))
            {
                result.AddError(OrganizationSlug.Rule);
            }
        });

        var command = new Command("create", "Create an organization with its owner and first API client; prints their credentials once.")
        {
            name, slug, ownerEmail,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<PlatformOrganizations>().CreateAsync(
                parsed.GetRequiredValue(name), parsed.GetRequiredValue(slug), parsed.GetRequiredValue(ownerEmail), cancellationToken);
            if (created is null)
            {
                await Console.Error.WriteLineAsync($"An organization with the slug '{parsed.GetRequiredValue(slug)}' exists: nothing created.");
                return 1;
            }

            Console.WriteLine("Created the organization, its owner and an API client.");
            Console.WriteLine("These credentials are shown once and cannot be recovered; store them now.");
            await created.WriteCredentialsAsync(Console.Out);
            return 0;
        });
        return command;
    }

    private static Command ListCommand(IServiceProvider services)
    {
        var status = new Option<string?>("--status") { Description = "Only active or only suspended organizations." };
        status.AcceptOnlyFromAmong(PlatformOrganizationResponse.Active, PlatformOrganizationResponse.Suspended);
        var command = new Command("list", "List organizations, oldest first, one per line: id, slug, status, name.") { status };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var platform = scope.ServiceProvider.GetRequiredService<PlatformOrganizations>();
            Guid? after = null;
            while (true)
            {
                var page = await platform.ListAsync(parsed.GetValue(status), 200, after, cancellationToken);
                foreach (var organization in page.Select(PlatformOrganizationResponse.From))
                {
                    Console.WriteLine($"{organization.Id}\t{organization.Slug}\t{organization.Status}\t{organization.Name}");
                }

                if (page.Count < 200)
                {
                    return 0;
                }

                after = page[^1].Id;
            }
        });
        return command;
    }

    private static Command SuspendCommand(IServiceProvider services)
    {
        var slug = new Argument<string>("slug") { Description = "The organization's slug." };
        var reason = new Option<string>("--reason") { Description = "Why: shown to platform operators.", Required = true };
        var command = new Command("suspend", "Refuse the organization's API clients and portal users until it is reactivated.") { slug, reason };
        command.SetAction((parsed, cancellationToken) => ChangeAsync(
            services, parsed.GetRequiredValue(slug), (platform, id) => platform.SuspendAsync(id, parsed.GetRequiredValue(reason), cancellationToken), cancellationToken));
        return command;
    }

    private static Command ReactivateCommand(IServiceProvider services)
    {
        var slug = new Argument<string>("slug") { Description = "The organization's slug." };
        var command = new Command("reactivate", "Lift a suspension.") { slug };
        command.SetAction((parsed, cancellationToken) => ChangeAsync(
            services, parsed.GetRequiredValue(slug), (platform, id) => platform.ReactivateAsync(id, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> ChangeAsync(
        IServiceProvider services, string slug, Func<PlatformOrganizations, Guid, Task<Core.Organizations.Organization?>> change, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformOrganizations>();
        if (await platform.FindBySlugAsync(slug, cancellationToken) is not { } found
            || await change(platform, found.Id) is not { } changed)
        {
            await Console.Error.WriteLineAsync($"No organization has the slug '{slug}'.");
            return 1;
        }

        var response = PlatformOrganizationResponse.From(changed);
        Console.WriteLine($"{response.Id}\t{response.Slug}\t{response.Status}\t{response.Name}");
        return 0;
    }
}
