using System.Net;
using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Identity;

public sealed class ServerErrorTests(LocalInfrastructure infrastructure)
{
    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_internal_details()
    {
        var existing = await infrastructure.CreateDatabaseAsync("server_error");
        var missing = existing.Replace("server_error", "no_such_database", StringComparison.Ordinal);
        await using var factory = new ApiFactory(missing, infrastructure.Redis.ConnectionString);
        using var http = factory.CreateClient();

        using var response = await http.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "ddc_x", ["client_secret"] = "y",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/internal");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("no_such_database", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
    }
}
