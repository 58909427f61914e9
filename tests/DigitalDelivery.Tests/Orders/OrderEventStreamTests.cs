using System.Net;

namespace DigitalDelivery.Tests.Orders;

public sealed class OrderEventStreamTests(OrdersApiFixture fixture) : IClassFixture<OrdersApiFixture>
{
    [Fact]
    public async Task The_event_stream_sends_every_transition_and_ends_after_a_final_state()
    {
        var tenant = await fixture.CreateTenantAsync("Events");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);
        var product = await fixture.CreateProductAsync(tenant.OrganizationId);
        using var created = await OrderRequests.CreateAsync(http, OrderRequests.Body((product, 1)), "events");
        var id = (await OrderRequests.JsonAsync(created)).GetProperty("id").GetGuid();
        using var cancel = await http.PostAsync(new Uri($"/api/v1/orders/{id}/cancel", UriKind.Relative), null, TestContext.Current.CancellationToken);

        using var response = await http.GetAsync(new Uri($"/api/v1/orders/{id}/events", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, body.Split("event: transition").Length - 1);
        Assert.Contains("id: 3", body, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"cancelled\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_stream_of_an_unknown_order_is_404()
    {
        var tenant = await fixture.CreateTenantAsync("Events 404");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.GetAsync(new Uri($"/api/v1/orders/{Guid.NewGuid()}/events", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
