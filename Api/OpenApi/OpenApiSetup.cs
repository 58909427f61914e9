using Scalar.AspNetCore;

namespace DigitalDelivery.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, complete enough to generate a working client from: security
/// schemes and requirements, an operationId on every operation, the problem+json errors each one can answer, and the
/// upload's request body. The interactive reference (Scalar) is served at <c>/scalar</c> in Development only.
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<OperationConventionsTransformer>();
        });

    public static WebApplication MapApiOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }
}
