using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DigitalDelivery.Core.Catalog.Delivery;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>Small helpers shared by the customer access tests.</summary>
public static partial class CustomerAccessHttp
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The page token in a mail's link to {PortalBaseUrl}/my/{token}.</summary>
    public static string PageToken(string? mailBody)
    {
        var match = PageLink().Match(mailBody ?? string.Empty);
        Assert.True(match.Success, $"No page link in the mail:\n{mailBody}");
        return match.Groups[1].Value;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return await JsonAsync(response, expected);
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, object? body = null) =>
        await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body ?? new { }, Ct);

    /// <summary>What fulfillment does once access is granted: ask DeliveryWorker to mail it.</summary>
    public static Task RequestAccessDeliveryAsync(CustomerAccessFixture fixture, SeededOrder order, Guid? messageId = null) =>
        fixture.InTenantScopeAsync(order.OrganizationId, services =>
            services.GetRequiredService<IMessageOutbox>().EnqueueAsync(
                new OrderAccessDeliveryRequested(order.OrganizationId, order.OrderId, [DeliveryDestinations.Email]),
                new EnqueueOptions { MessageId = messageId },
                Ct));

    [GeneratedRegex(@"http://shop\.test/my/([A-Za-z0-9_-]{43})")]
    private static partial Regex PageLink();
}
