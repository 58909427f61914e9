extern alias api;

using api::DigitalDelivery.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalDelivery.Bench.Downloads;

/// <summary>The Api as its Program builds it (service defaults, AddApiServices, the pipeline), on Kestrel at 127.0.0.1.</summary>
internal static class BenchApi
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddApiServices();
        var app = builder.Build();
        app.UseApiPipeline();
        app.MapApiEndpoints();
        // The floor: the same pipeline and client with an endpoint that only redirects (no lookup, no signing, no log).
        app.MapGet("/bench/redirect", () => Results.Redirect("http://127.0.0.1/floor")).AllowAnonymous().DisableRateLimiting();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address));
    }
}
