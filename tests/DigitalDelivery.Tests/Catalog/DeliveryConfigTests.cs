using System.Net;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.Catalog.CatalogHttp;

namespace DigitalDelivery.Tests.Catalog;

public sealed class DeliveryConfigTests(CatalogApiFixture fixture) : IClassFixture<CatalogApiFixture>
{
    private static readonly string[] EmailAndWebhook = ["email", "webhook"];
    private static readonly string[] Erp = ["webhook:erp"];
    private static readonly string[] Pigeon = ["carrier-pigeon"];
    private static readonly string[] EmailOnly = ["email"];

    [Fact]
    public async Task A_product_inherits_the_tenant_defaults_and_overrides_single_fields()
    {
        var tenant = await fixture.CreateTenantAsync("delivery");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "DELIVER-1")).GetProperty("id").GetGuid();

        using var builtIn = await http.GetAsync(new Uri("/api/v1/delivery-defaults", UriKind.Relative), Ct);
        var defaults = await ExpectAsync(builtIn, HttpStatusCode.OK);
        Assert.True(defaults.GetProperty("built_in").GetBoolean());
        Assert.Equal("\"0\"", builtIn.Headers.ETag?.Tag);

        using var saved = await SendJsonAsync(http, HttpMethod.Put, "/api/v1/delivery-defaults", new
        {
            auto_fulfill_on_payment = false,
            destinations = EmailAndWebhook,
            retry = new { max_attempts = 5, base_delay_seconds = 10, max_delay_seconds = 600 },
        }, "\"0\"");
        Assert.Equal("\"1\"", saved.Headers.ETag?.Tag);
        await ExpectAsync(saved, HttpStatusCode.OK);

        using var overridden = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/delivery-config", new
        {
            auto_fulfill_on_payment = true,
            retry = new { max_attempts = 12 },
        }, "\"0\"");
        var config = await ExpectAsync(overridden, HttpStatusCode.OK);
        var effective = config.GetProperty("effective");
        Assert.True(effective.GetProperty("auto_fulfill_on_payment").GetBoolean());
        Assert.Equal(EmailAndWebhook, effective.GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal((12, 10, 600), (effective.GetProperty("retry").GetProperty("max_attempts").GetInt32(),
            effective.GetProperty("retry").GetProperty("base_delay_seconds").GetInt32(), effective.GetProperty("retry").GetProperty("max_delay_seconds").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, config.GetProperty("overrides").GetProperty("destinations").ValueKind);

        // A later change of the defaults shows through wherever the product does not override.
        using var changed = await SendJsonAsync(http, HttpMethod.Put, "/api/v1/delivery-defaults", new
        {
            auto_fulfill_on_payment = false,
            destinations = Erp,
            retry = new { max_attempts = 5, base_delay_seconds = 10, max_delay_seconds = 600 },
        }, "\"1\"");
        await ExpectAsync(changed, HttpStatusCode.OK);
        using var read = await http.GetAsync(new Uri($"/api/v1/products/{product}/delivery-config", UriKind.Relative), Ct);
        var reread = await ExpectAsync(read, HttpStatusCode.OK);
        Assert.Equal(Erp, reread.GetProperty("effective").GetProperty("destinations").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Invalid_delivery_configuration_is_a_validation_problem_and_a_stale_save_412()
    {
        var tenant = await fixture.CreateTenantAsync("delivery-bad");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = (await CreateProductAsync(http, "DELIVER-2")).GetProperty("id").GetGuid();

        using var unknownDestination = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/delivery-config",
            new { destinations = Pigeon }, "\"0\"");
        using var inverted = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/delivery-config",
            new { retry = new { base_delay_seconds = 7200, max_delay_seconds = 60 } }, "\"0\"");
        using var incomplete = await SendJsonAsync(http, HttpMethod.Put, "/api/v1/delivery-defaults", new { destinations = EmailOnly }, "\"0\"");
        using var stale = await SendJsonAsync(http, HttpMethod.Put, $"/api/v1/products/{product}/delivery-config", new { auto_fulfill_on_payment = false }, "\"3\"");

        foreach (var response in new[] { unknownDestination, inverted, incomplete })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/validation");
        }

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }
}
