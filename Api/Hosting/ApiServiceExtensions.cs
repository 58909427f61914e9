using DigitalDelivery.Api.Audit;
using DigitalDelivery.Api.Catalog;
using DigitalDelivery.Api.Clients;
using DigitalDelivery.Api.CustomerAccess;
using DigitalDelivery.Api.Alerts;
using DigitalDelivery.Api.Deliveries;
using DigitalDelivery.Api.Deliveries.Metrics;
using DigitalDelivery.Api.Destinations;
using DigitalDelivery.Api.Downloads;
using DigitalDelivery.Api.Identity.SignIn;
using DigitalDelivery.Api.Identity.Tokens;
using DigitalDelivery.Api.Identity;
using DigitalDelivery.Api.Orders;
using DigitalDelivery.Api.Organizations;
using DigitalDelivery.Api.OpenApi;
using DigitalDelivery.Api.Operations;
using DigitalDelivery.Api.Organizations.Platform;
using DigitalDelivery.Api.PaymentSandbox;
using DigitalDelivery.Api.Payments;
using DigitalDelivery.Api.Problems;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Api.Users;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Security.DataProtection;

namespace DigitalDelivery.Api.Hosting;

public static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDatabase();
        builder.AddDeliveryDataProtection();
        builder.AddOrganizations();
        builder.Services.AddScoped<DatabaseMigrator>();
        builder.Services.AddScoped<FirstRunSeeder>();
        builder.AddApiOrganizations();
        builder.AddApiDestinations();
        builder.Services.AddApiProblemDetails();
        builder.Services.AddValidation();
        builder.AddApiIdentity();
        builder.AddApiRateLimiting();
        builder.Services.AddApiOpenApi();
        builder.AddPayments();
        builder.AddPaymentSandbox();
        builder.AddApiCatalog();
        builder.AddApiOrders();
        builder.AddApiCustomerAccess();
        builder.AddApiDownloads();
        builder.AddOperations();
        builder.AddForwardedClientAddresses();
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseMiddleware<SuspendedOrganizationMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<RateLimitKeyMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapApiOpenApi();
        app.MapTokenEndpoints();
        app.MapAuthEndpoints();
        app.MapApiClientEndpoints();
        app.MapUserEndpoints();
        app.MapOrganizationEndpoints();
        app.MapPlatformOrganizationEndpoints();
        app.MapOperationsEndpoints();
        app.MapDestinationEndpoints();
        app.MapDestinationHealthEndpoints();
        app.MapAlertEndpoints();
        app.MapDeliveryMetricsEndpoints();
        app.MapDeliveryEndpoints();
        app.MapDeliveryLinkEndpoints();
        app.MapAuditLogEndpoints();
        app.MapPaymentSandbox();
        app.MapPaymentWebhooks();
        app.MapCatalogEndpoints();
        app.MapOrderEndpoints();
        app.MapCustomerAccessEndpoints();
        app.MapDownloadEndpoints();
        return app;
    }
}
