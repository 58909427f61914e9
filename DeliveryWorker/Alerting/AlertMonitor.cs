using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.DeliveryWorker.Alerting;

/// <summary>
/// Runs <see cref="AlertEvaluator"/> for every organization with destinations, once per interval, each in its own
/// scope and transaction: one organization's failure (a conflicting edit, the database away) is logged and retried
/// at the next tick without holding up the others. Every DeliveryWorker replica runs it; the evaluator's lock makes
/// them take turns per organization. Nothing is kept between ticks, so a restart loses nothing.
/// </summary>
public sealed partial class AlertMonitor(
    IServiceScopeFactory scopes, IOptions<AlertingOptions> options, TimeProvider time, ILogger<AlertMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass over every organization that has a destination.</summary>
    public async Task CheckAllAsync(CancellationToken cancellationToken)
    {
        List<Guid> organizations;
        try
        {
            organizations = await OrganizationsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogListFailed(ex);
            return;
        }

        foreach (var organizationId in organizations)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AlertEvaluator>().CheckAsync(organizationId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(ex, organizationId);
            }
        }
    }

    private async Task<List<Guid>> OrganizationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        using (tenant.BeginCrossTenantAccess())
        {
            return await db.Set<Destination>().AsNoTracking().Select(d => d.OrganizationId).Distinct().ToListAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing organizations for alert checks failed; trying again at the next interval.")]
    private partial void LogListFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert check of organization {OrganizationId} failed; trying again at the next interval.")]
    private partial void LogCheckFailed(Exception exception, Guid organizationId);
}
