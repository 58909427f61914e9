namespace DigitalDelivery.Web.CustomerAccess;

public static class CustomerPortalExtensions
{
    /// <summary>The customers' public pages (/my/{token}, /my/resend): no sign-in, data from the Api.</summary>
    public static IHostApplicationBuilder AddCustomerPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CustomerPortalOptions>().BindConfiguration(CustomerPortalOptions.SectionName);
        return builder;
    }

    public static WebApplication MapCustomerPortal(this WebApplication app)
    {
        app.MapCustomerDownloadEndpoint();
        app.MapEntitlementActionEndpoints();
        return app;
    }
}
