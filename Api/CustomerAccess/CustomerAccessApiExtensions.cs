using DigitalDelivery.Core.Entitlements;

namespace DigitalDelivery.Api.CustomerAccess;

public static class CustomerAccessApiExtensions
{
    /// <summary>The customers' page data, resend, and the entitlement admin endpoints (needs AddApiCatalog for ServableFiles).</summary>
    public static IHostApplicationBuilder AddApiCustomerAccess(this IHostApplicationBuilder builder)
    {
        builder.AddEntitlements();
        builder.Services.AddScoped<CustomerOrderLinks>();
        builder.Services.AddScoped<EntitlementViews>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCustomerAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapResendEndpoints();
        app.MapCustomerPageEndpoints();
        app.MapEntitlementAdminEndpoints();
        return app;
    }
}
