using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Fulfillment.Messaging;
using DigitalDelivery.Core.Mail;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Security.DataProtection;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

public static class CustomerAccessDeliveryExtensions
{
    /// <summary>
    /// The customer email channel: access deliveries (links and license keys) and expiry notices from the delivery
    /// queue, mailed over SMTP (ConnectionStrings:smtp / Smtp) with links to CustomerPortal:BaseUrl.
    /// </summary>
    public static IHostApplicationBuilder AddCustomerAccessDelivery(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDataProtection();
        builder.AddEntitlements();
        builder.Services.AddOptions<CustomerPortalOptions>().BindConfiguration(CustomerPortalOptions.SectionName);
        builder.AddPlatformMail();
        builder.Services.AddSingleton<CustomerMailer>();
        builder.Services.AddScoped<OrderLinkMail>();
        builder.AddMessaging(messaging => messaging
            .AddEntitlementMessages()
            .AddHandler<OrderAccessDeliveryRequested, OrderAccessDeliveryHandler>()
            .AddHandler<DownloadAccessExpiryNoticeDue, ExpiryNoticeHandler>()
            .AddTransactionalHandler<CustomerLinksResendRequested, ResendLinksHandler>());
        return builder;
    }
}
