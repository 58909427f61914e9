using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Tests.Infrastructure;

/// <summary>The configuration an Aspire AppHost injects into a service, pointed at the test servers.</summary>
public static class AppHostSettings
{
    public static Dictionary<string, string?> For(LocalInfrastructure infrastructure, string databaseConnectionString) => new()
    {
        [$"ConnectionStrings:{ConnectionNames.Database}"] = databaseConnectionString,
        [$"ConnectionStrings:{ConnectionNames.Cache}"] = infrastructure.Redis.ConnectionString,
        [$"ConnectionStrings:{ConnectionNames.Blobs}"] = infrastructure.Azurite.ConnectionString,
        ["ConnectionStrings:clamav"] = infrastructure.ClamAv.ConnectionString,
        ["ConnectionStrings:smtp"] = infrastructure.Smtp.ConnectionString,
        // As the AppHost's local runs: the tests' webhook receivers, SFTP and storage servers listen on 127.0.0.1.
        ["Deliveries:Network:AllowPrivateNetworks"] = "true",
        // The Api is never called by these tests; the address only has to be resolvable at startup.
        ["services:api:http:0"] = "http://127.0.0.1:9",
    };
}
