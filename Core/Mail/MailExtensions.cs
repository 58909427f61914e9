using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Mail;

public static class MailExtensions
{
    /// <summary>The platform's SMTP relay (<see cref="SmtpSettings"/>) and the sender that uses it.</summary>
    public static IHostApplicationBuilder AddPlatformMail(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(SmtpSettings.Read(builder.Configuration));
        builder.Services.TryAddSingleton<SmtpMailSender>();
        return builder;
    }
}
