using DigitalDelivery.Api.Catalog.Assets;
using DigitalDelivery.Api.Catalog.Delivery;
using DigitalDelivery.Api.Catalog.Files;
using DigitalDelivery.Api.Catalog.LicenseKeys;
using DigitalDelivery.Api.Catalog.Products;
using DigitalDelivery.Api.Notices;
using DigitalDelivery.Core.Catalog;
using DigitalDelivery.Core.Storage;

namespace DigitalDelivery.Api.Catalog;

public static class CatalogEndpoints
{
    /// <summary>The catalog's services in the Api: Blob storage, the Core catalog services and the request-scoped helpers.</summary>
    public static IHostApplicationBuilder AddApiCatalog(this IHostApplicationBuilder builder)
    {
        builder.AddBlobStorage();
        builder.AddCatalog();
        builder.Services.AddScoped<FileUploader>();
        builder.Services.AddScoped<ProductServices>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapFileEndpoints();
        app.MapProductEndpoints();
        app.MapAssetEndpoints();
        app.MapDeliveryConfigEndpoints();
        app.MapLicenseKeyEndpoints();
        app.MapNoticeEndpoints();
        return app;
    }
}
