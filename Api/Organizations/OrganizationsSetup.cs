using DigitalDelivery.Api.Organizations.Platform;

namespace DigitalDelivery.Api.Organizations;

public static class OrganizationsSetup
{
    public static IHostApplicationBuilder AddApiOrganizations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<OrganizationSuspensions>();
        builder.Services.AddScoped<OrganizationProvisioning>();
        builder.Services.AddScoped<PlatformOrganizations>();
        return builder;
    }
}
