using DigitalDelivery.AppHost.Stores;

namespace DigitalDelivery.AppHost.FirstRun;

/// <summary>
/// <c>Api seed</c> as a resource that runs once per start after the migrations: on an empty database it creates the
/// first organization, its owner and an API client. The credentials go to a file (mode 600) rather than to the
/// resource's console log, which the dashboard shows; <see cref="RunSummary"/> prints them once, in this terminal.
/// </summary>
public static class FirstRunSeed
{
    public const string CredentialsFileName = "first-run-credentials.txt";

    public static string CredentialsFile(LocalState state) => Path.Combine(state.SecretsDirectory, CredentialsFileName);

    public static IResourceBuilder<ProjectResource> AddFirstRunSeed(
        this IDistributedApplicationBuilder builder,
        LocalState state,
        IResourceBuilder<ProjectResource> migrations,
        IResourceBuilder<IResourceWithConnectionString> database)
    {
        var seed = builder.AddProject<Projects.Api>("seed", options => options.ExcludeLaunchProfile = true)
            .WithArgs("seed")
            .WithReference(database).WaitFor(database)
            .WaitForCompletion(migrations);
        if (builder.ExecutionContext.IsRunMode)
        {
            seed.WithEnvironment("Seed__CredentialsFile", CredentialsFile(state));
        }

        return seed;
    }
}
