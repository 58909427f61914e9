using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;

namespace DigitalDelivery.Api.Hosting;

public static class ApiServiceExtensions
{
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDatabase();
        builder.AddOrganizations();
        builder.Services.AddScoped<DatabaseMigrator>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
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
        return app;
    }
}
