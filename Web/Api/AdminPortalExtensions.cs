using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Security.DataProtection;
using DigitalDelivery.ServiceDefaults.ServiceDiscovery;
using DigitalDelivery.Web.Identity;
using DigitalDelivery.Web.Orders;

namespace DigitalDelivery.Web.Api;

public static class AdminPortalExtensions
{
    /// <summary>The logical address of the Api, resolved from services:api:* as the AppHost injects it.</summary>
    public const string ApiAddress = "https+http://api";

    public static IHostApplicationBuilder AddAdminPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();

        // The key ring (which encrypts the auth cookie) lives in PostgreSQL, shared by every instance.
        builder.AddDeliveryDatabase();
        builder.AddDeliveryDataProtection();
        builder.AddPortalAuthentication();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ClientAddressHandler>();
        builder.Services.AddHttpClient<ApiClient>().WithServiceBaseAddress(ApiAddress)
            .AddHttpMessageHandler<ApiTokenHandler>().AddHttpMessageHandler<ClientAddressHandler>();
        builder.AddOrdersPortal();
        return builder;
    }

    public static WebApplication UseAdminPortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapPortalAccountEndpoints();
        app.MapOrdersPortalEndpoints();
        return app;
    }
}
