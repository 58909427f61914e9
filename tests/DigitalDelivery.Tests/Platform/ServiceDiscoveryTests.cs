extern alias web;

using System.Net;
using DigitalDelivery.ServiceDefaults.ServiceDiscovery;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Platform;

/// <summary>Logical addresses (https+http://api) through Microsoft.Extensions.ServiceDiscovery, as the services use them.</summary>
public sealed class ServiceDiscoveryTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string?, string?, string> Resolutions => new()
    {
        // configured https, configured http, where a request for https+http://api/orders/7 goes
        { "https://127.0.0.1:7001", "http://127.0.0.1:5001", "https://127.0.0.1:7001/orders/7" },
        { null, "http://127.0.0.1:5001", "http://127.0.0.1:5001/orders/7" },
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public async Task Requests_to_a_logical_address_go_to_the_endpoint_the_AppHost_injects(string? https, string? http, string expected)
    {
        var recorder = new RecordingHandler();
        using var host = Host(("services:api:https:0", https), ("services:api:http:0", http), recorder);
        await host.StartAsync(Cancellation);
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        using var response = await client.GetAsync(new Uri("/orders/7", UriKind.Relative), Cancellation);

        Assert.Equal(new Uri(expected), recorder.LastRequestUri);
    }

    [Fact]
    public async Task A_host_with_a_client_for_an_unconfigured_service_refuses_to_start_naming_the_missing_keys()
    {
        using var host = Host(("services:other:http:0", "http://127.0.0.1:5001"), ("unused", null), new RecordingHandler());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Cancellation));

        Assert.Contains("services:api:https:0", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("services__api__http__0", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_Web_started_without_the_Api_address_says_so_at_startup()
    {
        var database = await infrastructure.MigratedDatabaseAsync("web_without_api");
        var settings = AppHostSettings.For(infrastructure, database);
        settings.Remove("services:api:http:0");
        await using var factory = new ServiceFactory<web::Program>(settings);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("No address is configured for service 'api'", failure.ToString(), StringComparison.Ordinal);
    }

    private static IHost Host((string Key, string? Value) first, (string Key, string? Value) second, RecordingHandler recorder)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(
            new[] { first, second }.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)));
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("api").WithServiceBaseAddress("https+http://api").ConfigurePrimaryHttpMessageHandler(() => recorder);
        return builder.Build();
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Uri? LastRequestUri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequestUri = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }
}
