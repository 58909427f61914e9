using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Security.DataProtection;

public static class DataProtectionExtensions
{
    /// <summary>The application name shared by all services, so they read each other's protected payloads.</summary>
    public const string ApplicationName = "DigitalDelivery";

    /// <summary>
    /// Data Protection with its key ring in PostgreSQL (needs <c>AddDeliveryDatabase</c>). The keys are stored
    /// unencrypted in the database, like the EF Core store does; database access is the protection boundary.
    /// </summary>
    public static IHostApplicationBuilder AddDeliveryDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new PostgresXmlRepository(services.GetRequiredService<IServiceScopeFactory>())));
        return builder;
    }
}
