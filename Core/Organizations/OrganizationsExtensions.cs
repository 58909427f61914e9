using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Organizations.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Organizations;

public static class OrganizationsExtensions
{
    /// <summary>Organization registration and the messages it sends (for Api; consumers register their handlers themselves).</summary>
    public static IHostApplicationBuilder AddOrganizations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationRegistration>();
        builder.AddMessaging(messaging => messaging.AddOrganizationMessages());
        return builder;
    }
}
