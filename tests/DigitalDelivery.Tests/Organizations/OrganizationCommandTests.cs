using System.Net;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Organizations;

/// <summary><c>Api organizations create|list|suspend|reactivate</c>: the platform operator's console.</summary>
public sealed class OrganizationCommandTests(LocalInfrastructure infrastructure)
{
    [Fact]
    public async Task An_operator_creates_lists_suspends_and_reactivates_an_organization_from_the_command_line()
    {
        var connectionString = await infrastructure.MigratedDatabaseAsync("organizations-cli");

        var created = await RunAsync(connectionString, 0, "organizations", "create", "--name", "Contoso Media", "--slug", "contoso", "--owner-email", "owner@contoso.test");
        var values = ApiCommandLine.Values(created.Output);
        Assert.Equal("contoso", values["organization_slug"]);
        Assert.StartsWith("dds_", values["client_secret"], StringComparison.Ordinal);
        var duplicate = await RunAsync(connectionString, 1, "organizations", "create", "--name", "Again", "--slug", "contoso", "--owner-email", "again@contoso.test");
        Assert.Contains("contoso", duplicate.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", duplicate.Output, StringComparison.Ordinal);

        var suspended = await RunAsync(connectionString, 0, "organizations", "suspend", "contoso", "--reason", "chargebacks");
        var listedSuspended = await RunAsync(connectionString, 0, "organizations", "list", "--status", "suspended");
        Assert.Contains("\tsuspended\t", suspended.Output, StringComparison.Ordinal);
        Assert.Contains(values["organization_id"], listedSuspended.Output, StringComparison.Ordinal);

        await using (var factory = new ApiFactory(connectionString, infrastructure.Redis.ConnectionString))
        {
            using var http = factory.CreateClient();
            using var token = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = values["client_id"], ["client_secret"] = values["client_secret"],
            }), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        }

        await RunAsync(connectionString, 0, "organizations", "reactivate", "contoso");
        var listedActive = await RunAsync(connectionString, 0, "organizations", "list", "--status", "active");
        Assert.Contains($"{values["organization_id"]}\tcontoso\tactive\tContoso Media", listedActive.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("organizations", "create", "--name", "x", "--slug", "Not A Slug", "--owner-email", "a@b.test")]
    [InlineData("organizations", "suspend", "no-such-slug", "--reason", "r")]
    [InlineData("organizations", "create", "--name", "missing options")]
    public async Task A_bad_command_line_fails_with_a_message_and_changes_nothing(params string[] arguments)
    {
        var connectionString = await infrastructure.MigratedDatabaseAsync("organizations-cli-bad");

        var outcome = await ApiCommandLine.RunAsync(infrastructure, connectionString, arguments);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.NotEmpty(outcome.Errors.Trim());
        var listed = await RunAsync(connectionString, 0, "organizations", "list");
        Assert.Empty(listed.Output.Trim());
    }

    private async Task<ApiCommandLine.Outcome> RunAsync(string connectionString, int expectedExitCode, params string[] arguments)
    {
        var outcome = await ApiCommandLine.RunAsync(infrastructure, connectionString, arguments);
        Assert.True(outcome.ExitCode == expectedExitCode, $"exit {outcome.ExitCode} (expected {expectedExitCode}): {outcome.Errors}");
        return outcome;
    }
}
