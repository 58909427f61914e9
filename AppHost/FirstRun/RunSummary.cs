using System.Text;
using DigitalDelivery.AppHost.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.AppHost.FirstRun;

/// <summary>
/// Once the Web is healthy, prints where everything is: the portal, the Api, the dashboard, the local data, and
/// the first-run credentials when this start created them (later starts name only the file that keeps them).
/// </summary>
public static class RunSummary
{
    public static void AddRunSummary(
        this IDistributedApplicationBuilder builder, LocalState state, IResourceBuilder<ProjectResource> api, IResourceBuilder<ProjectResource> web)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        var credentialsFile = FirstRunSeed.CredentialsFile(state);
        var credentialsExisted = File.Exists(credentialsFile);
        var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0];

        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (@event, _) =>
        {
            var apiUrl = api.GetEndpoint("http").Url;
            var webUrl = web.GetEndpoint("http").Url;
            var text = new StringBuilder()
                .AppendLine("DigitalDelivery is running:")
                .AppendLine($"  Web (admin)      {webUrl}/")
                .AppendLine($"  Api              {apiUrl}/  (OpenAPI: {apiUrl}/openapi/v1.json)")
                .AppendLine($"  Dashboard        {dashboard ?? "(disabled)"}  (sign in with the login link above)")
                .AppendLine($"  Customer pages   {webUrl}/my/<token>  (links arrive by mail), {webUrl}/my/resend")
                .AppendLine($"  Local data       {state.Root}  (mail: {Path.Combine(state.Root, "mail", "new")})");

            if (!credentialsExisted && File.Exists(credentialsFile))
            {
                text.AppendLine($"First-run credentials, shown once (kept in {credentialsFile}):");
                foreach (var line in File.ReadAllLines(credentialsFile))
                {
                    text.AppendLine("  " + line);
                }

                text.AppendLine($"  Sign in at {webUrl}/ with owner_email and owner_password; get an Api token with")
                    .AppendLine($"  curl -u \"<client_id>:<client_secret>\" -d grant_type=client_credentials {apiUrl}/connect/token");
            }
            else if (File.Exists(credentialsFile))
            {
                text.AppendLine($"First-run credentials: {credentialsFile}");
            }

            // Straight to the terminal: this text holds credentials, which must never reach a log sink.
            Console.Out.Write(text.AppendLine("Press Ctrl+C to stop.").ToString());
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DigitalDelivery.AppHost")
                .LogInformation("DigitalDelivery is running: web {WebUrl}, api {ApiUrl}", webUrl, apiUrl);
            return Task.CompletedTask;
        });
    }
}
