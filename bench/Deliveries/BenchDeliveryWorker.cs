extern alias deliveryworker;

using deliveryworker::DigitalDelivery.DeliveryWorker.CustomerAccess;
using deliveryworker::DigitalDelivery.DeliveryWorker.DeliveryQueue;
using deliveryworker::DigitalDelivery.DeliveryWorker.Engine;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalDelivery.Bench.Deliveries;

/// <summary>
/// DeliveryWorker as its Program builds it (service defaults with OpenTelemetry, AddDeliveryDatabase,
/// AddDeliveryQueue, AddCustomerAccessDelivery, AddDeliveryEngine, the probe endpoints), on Kestrel at 127.0.0.1:
/// the real handlers, queue options (concurrency 32) and DI, without a test server or a second process in between.
/// </summary>
internal static class BenchDeliveryWorker
{
    /// <param name="maxAutoPrepare">
    /// Npgsql's Max Auto Prepare for DeliveryWorker's connections; 0 turns it off, as it was before
    /// the product's default (<see cref="PersistenceExtensions.DefaultMaxAutoPrepare"/>) so the two can be compared.
    /// </param>
    public static async Task<WebApplication> StartAsync(string connectionString, int maxAutoPrepare)
    {
        if (maxAutoPrepare != PersistenceExtensions.DefaultMaxAutoPrepare)
        {
            connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = maxAutoPrepare }.ConnectionString;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "DigitalDelivery.DeliveryWorker" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ConnectionNames.Database}"] = connectionString,
            // The receiver listens on 127.0.0.1, which the outbound guard refuses by default.
            ["Deliveries:Network:AllowPrivateNetworks"] = "true",
            // Never used (no customer mail is sent here); the mail channel only has to be configurable at startup.
            ["ConnectionStrings:smtp"] = "smtp://127.0.0.1:9",
            // Likewise the catalog's storage: webhook deliveries carry no files, so nothing connects to it.
            [$"ConnectionStrings:{ConnectionNames.Blobs}"] = "UseDevelopmentStorage=true",
        });
        // Information would print one line per attempt; the benchmark measures the engine, not the console.
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddDeliveryDatabase();
        builder.AddDeliveryQueue();
        builder.AddCustomerAccessDelivery();
        builder.AddDeliveryEngine();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }
}
