using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitalDelivery.Core.Downloads;

public static class DownloadsExtensions
{
    /// <summary>
    /// The download side's data services (needs AddDeliveryDatabase): the token lookup, session counting and the
    /// batched attempt log with its writer. Settings from section <see cref="DownloadOptions.SectionName"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDownloads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DownloadOptions>().BindConfiguration(DownloadOptions.SectionName)
            .Validate(DownloadOptions.IsValid, "Downloads settings are out of range (see docs/downloads.md).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DownloadGrants>();
        builder.Services.AddSingleton<DownloadSessions>();
        builder.Services.AddSingleton<DownloadAttemptLog>();
        builder.Services.AddSingleton<DownloadAttemptStore>();
        builder.Services.AddHostedService<DownloadAttemptWriter>();
        return builder;
    }
}
