using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Security.DataProtection;

public static class DataProtectionExtensions
{
    /// <summary>The application name shared by all services, so they read each other's protected payloads.</summary>
    public const string ApplicationName = "DigitalDelivery";

    /// <summary>
    /// Data Protection with its key ring in PostgreSQL through the EF Core store (needs <c>AddDeliveryDatabase</c>),
    /// so every instance of every service shares one ring. The keys are stored unencrypted in the database;
    /// database access is the protection boundary.
    /// </summary>
    public static IHostApplicationBuilder AddDeliveryDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<DeliveryDbContext>();
        builder.Services.TryAddSingleton<SecretProtector>();
        return builder;
    }
}
