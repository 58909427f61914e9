extern alias api;
extern alias deliveryworker;
extern alias worker;
using System.Collections.Concurrent;
using System.Diagnostics;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Messaging;

/// <summary>The services as their Program.cs wires them: Api sends, Worker consumes fulfillment, DeliveryWorker delivery.</summary>
public sealed class FirstQueuesTests(LocalInfrastructure infrastructure)
{
    [Fact]
    public async Task A_registered_organization_travels_from_Api_through_Worker_to_DeliveryWorker_in_one_trace()
    {
        var database = await infrastructure.MigratedDatabaseAsync("first_queues");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "DigitalDelivery.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var apiService = Service<api::Program>(database);
        await using var workerService = Service<worker::Program>(database);
        await using var deliveryService = Service<deliveryworker::Program>(database);
        _ = workerService.Services;
        _ = deliveryService.Services;

        Organization organization;
        await using (var scope = apiService.Services.CreateAsyncScope())
        {
            organization = await scope.ServiceProvider.GetRequiredService<OrganizationRegistration>()
                .RegisterAsync("Acme Downloads", "acme-downloads", TestContext.Current.CancellationToken);
        }

        // Other tests run in parallel and also process delivery messages (the listener is process-wide): wait for
        // this organization's own trace to be complete rather than for any "process delivery" span.
        List<Activity>? chain = null;
        await Eventually.WaitUntilAsync(
            () => (chain = CompleteChain(spans)) is not null,
            what: "DeliveryWorker to handle the welcome");
        for (var i = 1; i < chain!.Count; i++)
        {
            Assert.Equal(chain[i - 1].SpanId, chain[i].ParentSpanId);
        }

        await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages") == 0,
            what: "the welcome's completion");
        Assert.Equal(0L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_dead_letters"));
        Assert.Equal(organization.Id, await TestEffects.ScalarAsync<Guid>(database, "SELECT id FROM organizations"));
    }

    private static readonly string[] ChainNames = ["send fulfillment", "process fulfillment", "send delivery", "process delivery"];

    /// <summary>The four spans of one trace that started with "send fulfillment", once all of them ended without error.</summary>
    private static List<Activity>? CompleteChain(IEnumerable<Activity> spans)
    {
        var ended = spans.ToList();
        foreach (var send in ended.Where(s => s.DisplayName == "send fulfillment"))
        {
            var chain = ChainNames
                .Select(name => ended.FirstOrDefault(s => s.DisplayName == name && s.TraceId == send.TraceId && s.Status != ActivityStatusCode.Error))
                .ToList();
            if (chain.TrueForAll(span => span is not null))
            {
                return chain!;
            }
        }

        return null;
    }

    // Worker scans uploads, so it needs clamd's address (and Blob storage) to start.
    private WebApplicationFactory<TProgram> Service<TProgram>(string database) where TProgram : class =>
        new WebApplicationFactory<TProgram>().WithWebHostBuilder(web => web
            .UseSetting($"ConnectionStrings:{ConnectionNames.Database}", database)
            .UseSetting($"ConnectionStrings:{ConnectionNames.Blobs}", infrastructure.Azurite.ConnectionString)
            .UseSetting("ConnectionStrings:clamav", infrastructure.ClamAv.ConnectionString));
}
