using DigitalDelivery.ServiceDefaults.ServiceDiscovery;

namespace DigitalDelivery.Web.Api;

public static class AdminPortalExtensions
{
    /// <summary>The logical address of the Api, resolved from services:api:* as the AppHost injects it.</summary>
    public const string ApiAddress = "https+http://api";

    public static IHostApplicationBuilder AddAdminPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddHttpClient<ApiClient>().WithServiceBaseAddress(ApiAddress);
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
        app.UseAntiforgery();
        return app;
    }
}
