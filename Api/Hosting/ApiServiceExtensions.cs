using DigitalDelivery.Api.Payments;
using DigitalDelivery.Api.PaymentSandbox;
using DigitalDelivery.Core.Payments;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Api.Hosting;

public static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDatabase();
        builder.Services.AddScoped<DatabaseMigrator>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.AddPayments();
        builder.AddPaymentSandbox();
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapPaymentSandbox();
        app.MapPaymentWebhooks();
        return app;
    }
}
