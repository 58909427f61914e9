using DigitalDelivery.ServiceDefaults.ServiceDiscovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Tests.Platform;

public sealed class ServiceDiscoveryTests
{
    public static TheoryData<string, string?, string?, string> Resolutions => new()
    {
        // address, configured https, configured http, expected
        { "https+http://api", "https://127.0.0.1:7001", "http://127.0.0.1:5001", "https://127.0.0.1:7001/" },
        { "https+http://api", null, "http://127.0.0.1:5001", "http://127.0.0.1:5001/" },
        { "http+https://api", "https://127.0.0.1:7001", "http://127.0.0.1:5001", "http://127.0.0.1:5001/" },
        { "http://api/orders?page=2", null, "http://127.0.0.1:5001", "http://127.0.0.1:5001/orders?page=2" },
        { "https+http://api/v1/", "https://10.0.0.5:443", null, "https://10.0.0.5/v1/" },
        { "https://example.com/path", null, null, "https://example.com/path" },
        { "http://127.0.0.1:8080/x", null, null, "http://127.0.0.1:8080/x" },
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void Logical_addresses_resolve_from_the_keys_the_AppHost_injects(string address, string? https, string? http, string expected)
    {
        var resolver = new ServiceEndpointResolver(Configuration(("services:api:https:0", https), ("services:api:http:0", http)));

        Assert.Equal(new Uri(expected), resolver.Resolve(new Uri(address)));
    }

    [Fact]
    public void An_unconfigured_service_fails_with_a_message_naming_the_missing_keys()
    {
        var resolver = new ServiceEndpointResolver(Configuration());

        var error = Assert.Throws<ServiceDiscoveryException>(() => resolver.Resolve(new Uri("https+http://api")));

        Assert.Contains("services:api:https:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("services__api__http__0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_a_client_for_an_unconfigured_service_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHttpClient("api").WithServiceBaseAddress("https+http://api");
        using var host = builder.Build();

        await Assert.ThrowsAsync<ServiceDiscoveryException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Requests_through_a_client_go_to_the_configured_endpoint()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("services:api:http:0", "http://127.0.0.1:5999")]);
        builder.Services.AddConfigurationServiceDiscovery();
        var recorder = new RecordingHandler();
        builder.Services.AddHttpClient("api")
            .WithServiceBaseAddress("https+http://api")
            .AddConfigurationServiceDiscovery()
            .ConfigurePrimaryHttpMessageHandler(() => recorder);
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        using var response = await client.GetAsync(new Uri("/orders/7", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("http://127.0.0.1:5999/orders/7"), recorder.LastRequestUri);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Uri? LastRequestUri { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequestUri = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        }
    }
}
