extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Identity;

public sealed class SeedCommandTests(LocalInfrastructure infrastructure)
{
    [Fact]
    public async Task Seed_prints_working_credentials_once_and_later_runs_print_no_secret()
    {
        var connectionString = await infrastructure.MigratedDatabaseAsync("seed");

        var first = await RunApiAsync(connectionString, "seed");
        var second = await RunApiAsync(connectionString, "seed");

        var values = ApiCommandLine.Values(first);
        Assert.Equal("demo", values["organization_slug"]);
        Assert.Equal("owner@example.com", values["owner_email"]);
        Assert.StartsWith("ddc_", values["client_id"], StringComparison.Ordinal);
        Assert.StartsWith("dds_", values["client_secret"], StringComparison.Ordinal);
        Assert.Contains(api::DigitalDelivery.Api.Hosting.FirstRunSeeder.AlreadySeededLine, second, StringComparison.Ordinal);
        Assert.DoesNotContain("secret=", second, StringComparison.Ordinal);
        Assert.DoesNotContain("password=", second, StringComparison.Ordinal);

        await using var factory = new ApiFactory(connectionString, infrastructure.Redis.ConnectionString);
        using var http = factory.CreateClient();
        using var signIn = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = values["owner_email"], password = values["owner_password"] }, Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var user = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Owner", user.RootElement.GetProperty("user").GetProperty("roles")[0].GetString());

        var client = new TestTenant(Guid.Parse(values["organization_id"]), Guid.Empty, values["client_id"], values["client_secret"]);
        Assert.Equal(string.Join(' ', api::DigitalDelivery.Api.Identity.Scopes.All), values["scopes"]);
        using var authorized = await client.AuthorizedClientAsync(factory);
        using var clients = await authorized.GetAsync(new Uri("/api/v1/clients", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
    }

    private async Task<string> RunApiAsync(string connectionString, string command)
    {
        var outcome = await ApiCommandLine.RunAsync(infrastructure, connectionString, command);
        Assert.True(outcome.ExitCode == 0, $"exit {outcome.ExitCode}: {outcome.Errors}");
        return outcome.Output;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
