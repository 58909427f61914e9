using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Handlers.Download;
using DigitalDelivery.Core.Deliveries.Handlers.Email;
using DigitalDelivery.Core.Deliveries.Handlers.Network;
using DigitalDelivery.Core.Deliveries.Handlers.Sftp;
using DigitalDelivery.Core.Deliveries.Handlers.Storage;
using DigitalDelivery.Core.Deliveries.Handlers.Webhook;
using DigitalDelivery.Core.Deliveries.Links;
using DigitalDelivery.Core.Deliveries.Messaging;
using DigitalDelivery.Core.Mail;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Security.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Deliveries;

public static class DeliveriesExtensions
{
    /// <summary>Publishing merchant events and the deliveries feature's message contracts (producers and DeliveryWorker).</summary>
    public static IHostApplicationBuilder AddMerchantEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MerchantEvents>();
        builder.AddMessaging(messaging => messaging.AddDeliveryMessages());
        return builder;
    }

    /// <summary>
    /// Every destination type's handler (DeliveryWorker's attempts; the Api's validation and connection tests), with
    /// the outbound network guard they share. A new type is one line here and a folder under Handlers/. Handlers read
    /// deliveries' files through the catalog's storage, so the host also needs AddBlobStorage and AddCatalog.
    /// </summary>
    public static IHostApplicationBuilder AddDestinationHandlers(this IHostApplicationBuilder builder)
    {
        builder.AddDeliveryDataProtection();
        builder.AddPlatformMail();
        builder.Services.AddOptions<OutboundNetworkOptions>().BindConfiguration(OutboundNetworkOptions.SectionName);
        builder.Services.AddSingleton<OutboundConnector>();
        builder.Services.AddSingleton<DeliveryFileContent>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<AzureBlobWriter>();
        builder.Services.AddSingleton<S3ObjectWriter>();
        builder.Services.AddSingleton<IDestinationHandler, WebhookHandler>();
        builder.Services.AddSingleton<IDestinationHandler, EmailHandler>();
        builder.Services.AddSingleton<IDestinationHandler, StorageHandler>();
        builder.Services.AddSingleton<IDestinationHandler, SftpHandler>();
        builder.Services.AddOptions<DeliveryLinkOptions>().BindConfiguration(DeliveryLinkOptions.SectionName);
        builder.Services.AddSingleton<DeliveryLinkTokens>();
        builder.Services.AddSingleton<IDestinationHandler, DownloadHandler>();
        builder.Services.AddSingleton<DestinationHandlers>();
        return builder;
    }
}
