extern alias api;

using api::DigitalDelivery.Api.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DigitalDelivery.Tests.Redis;

/// <summary>
/// A host holding only the Api's Redis wiring (AddApiRateLimiting, which adds AddApiRedis), with a clock the test
/// moves and every log record kept, for tests that stop, stall or misconfigure a Redis of their own.
/// </summary>
internal static class ApiRedisHost
{
    public static IHost Build(string? connectionString, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:cache"] = connectionString });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(clock ?? new FakeTimeProvider());
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddFakeLogging();
        builder.AddApiRateLimiting();
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(string? connectionString, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = Build(connectionString, clock, settings);
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Every message logged so far, formatted.</summary>
    public static IReadOnlyList<string> LoggedMessages(this IHost host) =>
        [.. host.Services.GetFakeLogCollector().GetSnapshot().Select(record => record.Message)];
}
