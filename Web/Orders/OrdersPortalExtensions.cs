using DigitalDelivery.ServiceDefaults.ServiceDiscovery;
using DigitalDelivery.Web.Api;
using DigitalDelivery.Web.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace DigitalDelivery.Web.Orders;

/// <summary>
/// The portal's orders: the pages (Components/Pages/Orders*.razor) read through <see cref="OrdersApiClient"/>; two
/// plain endpoints serve the order page's fulfil button and relay the Api's event stream to the browser, which
/// holds no Api token (it stays server-side in the sign-in cookie).
/// </summary>
public static class OrdersPortalExtensions
{
    public static IHostApplicationBuilder AddOrdersPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<OrdersApiClient>()
            .WithServiceBaseAddress(AdminPortalExtensions.ApiAddress)
            .AddHttpMessageHandler<ApiTokenHandler>()
            .AddHttpMessageHandler<ClientAddressHandler>();
        return builder;
    }

    public static WebApplication MapOrdersPortalEndpoints(this WebApplication app)
    {
        var orders = app.MapGroup("/orders/{id:guid}").RequireAuthorization();
        orders.MapPost("/fulfil", async (Guid id, OrdersApiClient api, CancellationToken cancellationToken) =>
            {
                var refusal = await api.FulfilAsync(id, cancellationToken);
                var query = refusal is null ? "fulfil=requested" : $"error={Uri.EscapeDataString(refusal)}";
                return TypedResults.LocalRedirect($"/orders/{id}?{query}");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        orders.MapGet("/events", RelayEventsAsync);
        return app;
    }

    private static async Task RelayEventsAsync(Guid id, HttpContext http, OrdersApiClient api, CancellationToken cancellationToken)
    {
        using var upstream = await api.OpenEventsAsync(id, http.Request.Headers["Last-Event-ID"], cancellationToken);
        http.Response.StatusCode = (int)upstream.StatusCode;
        if (!upstream.IsSuccessStatusCode)
        {
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
        }
    }
}
