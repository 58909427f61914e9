extern alias web;

using System.Net;
using Microsoft.AspNetCore.Http;
using ClientAddressHandler = web::DigitalDelivery.Web.Api.ClientAddressHandler;

namespace DigitalDelivery.Tests.Web;

/// <summary>The portal names the browser's address to the Api, replacing whatever the browser claimed.</summary>
public sealed class ClientAddressHandlerTests
{
    [Fact]
    public async Task Calls_to_the_Api_carry_the_browsers_address_and_not_one_the_browser_sent()
    {
        var browser = new DefaultHttpContext();
        browser.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
        var seen = new List<string>();
        using var handler = new ClientAddressHandler(new HttpContextAccessor { HttpContext = browser })
        {
            InnerHandler = new Recorder(seen),
        };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://api.test/api/v1/my/x");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.0.0.1");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["198.51.100.7"], seen);
    }

    private sealed class Recorder(List<string> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.AddRange(request.Headers.GetValues("X-Forwarded-For"));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }
}
