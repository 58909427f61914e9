namespace DigitalDelivery.DeliveryWorker.Alerting;

public static class AlertingExtensions
{
    /// <summary>
    /// Destination health monitoring: every <see cref="AlertingOptions.Interval"/>, each organization's alert rules
    /// are checked and its alerts opened, escalated and resolved, announced through the delivery engine.
    /// Needs the delivery engine (<c>AddDeliveryEngine</c>) for the events it publishes.
    /// </summary>
    public static IHostApplicationBuilder AddDeliveryAlerting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.SectionName);
        builder.Services.AddScoped<AlertEvaluator>();
        builder.Services.AddHostedService<AlertMonitor>();
        return builder;
    }
}
