using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using DigitalDelivery.Core.Storage;
using DigitalDelivery.LocalServers;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Blobs;

/// <summary>AddBlobStorage: both connection-string forms, and the "blobs" readiness check against Azurite and against nothing.</summary>
public sealed class BlobHealthTests(LocalInfrastructure infrastructure)
{
    private const string WrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LTEyMzQ=";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_health_check_is_healthy_against_Azurite()
    {
        using var host = BuildHost(infrastructure.Azurite.ConnectionString);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "blobs", Cancel);

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_at_once_against_a_port_nobody_listens_on()
    {
        var port = FreePort.Next();
        using var host = BuildHost(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "blobs", Cancel);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.IsType<RequestFailedException>(report.Entries["blobs"].Exception);
        // No retries in the probe: well inside its 5 s timeout.
        Assert.InRange(report.TotalDuration, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_wrong_account_key_makes_the_check_unhealthy_with_403_and_the_report_never_shows_the_key()
    {
        using var host = BuildHost(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={WrongKey};BlobEndpoint={infrastructure.Azurite.BlobEndpoint};");

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "blobs", Cancel);

        var entry = report.Entries["blobs"];
        var error = Assert.IsType<RequestFailedException>(entry.Exception);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(403, error.Status);
        Assert.True(error.ErrorCode is "AuthenticationFailed" or "AuthorizationFailure", error.ErrorCode); // Azure's code, Azurite's.
        Assert.DoesNotContain(WrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, entry.Description ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_connection_string_gives_one_shared_client_that_signs_SAS_with_the_key()
    {
        using var host = BuildHost(infrastructure.Azurite.ConnectionString);

        var client = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Same(client, host.Services.GetRequiredService<BlobServiceClient>());
        Assert.Equal(infrastructure.Azurite.BlobEndpoint.AbsoluteUri.TrimEnd('/'), client.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(AzuriteServer.AccountName, client.AccountName);
        Assert.True(client.CanGenerateAccountSasUri);
    }

    [Theory]
    [InlineData("https://acct.blob.core.windows.net/", "acct")]
    [InlineData("  https://acct.blob.core.windows.net  ", "acct")]
    public void A_service_URI_gives_a_token_client_that_cannot_sign_with_a_key(string connectionString, string account)
    {
        using var host = BuildHost(connectionString, new TokenCredentialThatFails());

        var client = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"), client.Uri);
        Assert.Equal(account, client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri);
        Assert.False(client.GetBlobContainerClient("files").GetBlobClient("a.zip").CanGenerateSasUri);
    }

    [Theory]
    [InlineData("justgarbage")]
    [InlineData("AccountName=acct;AccountKey=not*base64*c2VjcmV0LWtleQ==")]
    public void A_bad_connection_string_is_refused_without_showing_it(string connectionString)
    {
        using var host = BuildHost(connectionString);

        var error = Assert.Throws<FormatException>(() => host.Services.GetRequiredService<BlobServiceClient>());

        Assert.Contains("ConnectionStrings:blobs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(connectionString, error.ToString(), StringComparison.Ordinal);
    }

    private static IHost BuildHost(string connectionString, TokenCredential? credential = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:blobs"] = connectionString });
        builder.Services.AddLogging();
        if (credential is not null)
        {
            builder.Services.AddSingleton(credential);
        }

        builder.AddBlobStorage("blobs");
        return builder.Build();
    }

    // These tests never send a request, so a token is never asked for.
    private sealed class TokenCredentialThatFails : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token in these tests.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token in these tests.");
    }
}
