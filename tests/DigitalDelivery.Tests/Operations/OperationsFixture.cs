extern alias api;

using System.Net.Http.Json;
using System.Text.Json;
using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;
using Scopes = api::DigitalDelivery.Api.Identity.Scopes;

namespace DigitalDelivery.Tests.Operations;

/// <summary>
/// The Api (which consumes no queue) and, on the same database, a consumer of the file-scans and delivery queues
/// whose probe handlers fail with one attempt allowed: every probe message becomes a real dead letter, through the
/// real queue, until its test heals it. Fulfillment has no consumer here, so what is sent there stays waiting.
/// </summary>
public sealed class OperationsFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public const string ScanProbe = "operations-scan-probe";
    public const string DeliveryProbe = "operations-delivery-probe";

    private MessagingTestHost? _consumer;

    public FailingProbe Probe { get; } = new();

    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:KeyPrefix"] = $"ratelimit:{Guid.NewGuid():N}:",
        ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
    };

    private MessagingTestHost Consumer => _consumer ?? throw new InvalidOperationException("The fixture is not initialized.");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var oneAttempt = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero);
        _consumer = await MessagingTestHost.StartAsync(ConnectionString, configure: m =>
        {
            m.Services.AddSingleton(Probe);
            m.AddMessage(OperationsMessagesJson.Default.ScanProbeMessage, QueueNames.FileScans, ScanProbe)
                .AddMessage(OperationsMessagesJson.Default.DeliveryProbeMessage, QueueNames.Delivery, DeliveryProbe)
                .AddMessage(OperationsMessagesJson.Default.WaitingProbeMessage, QueueNames.Fulfillment, "operations-waiting-probe")
                .AddQueue(QueueNames.FileScans, q => q.Retry = oneAttempt)
                .AddQueue(QueueNames.Delivery, q => q.Retry = oneAttempt)
                .AddHandler<ScanProbeMessage, ScanProbeHandler>()
                .AddHandler<DeliveryProbeMessage, DeliveryProbeHandler>();
        });
    }

    /// <summary>A client of an organization holding every scope, the platform's included.</summary>
    public async Task<HttpClient> PlatformClientAsync()
    {
        var operatorTenant = await CreateTenantAsync("platform-operator", [.. Scopes.All]);
        return await operatorTenant.AuthorizedClientAsync(Factory);
    }

    /// <summary>Sends the messages through the real queue and waits until each is a dead letter; returns their ids.</summary>
    public async Task<Guid[]> DeadLettersAsync<TMessage>(params TMessage[] messages)
        where TMessage : class
    {
        var ids = messages.Select(_ => Guid.CreateVersion7()).ToArray();
        await EnqueueAsync(messages.Select((m, i) => (m, new EnqueueOptions { MessageId = ids[i] })).ToArray());
        await Eventually.WaitUntilAsync(
            async () => await ScalarAsync<long>("SELECT count(*) FROM messaging_dead_letters WHERE id = ANY(@ids)", ("ids", ids)) == ids.Length,
            what: $"{ids.Length} dead letters");
        return ids;
    }

    public async Task EnqueueAsync<TMessage>(params (TMessage Message, EnqueueOptions Options)[] messages)
        where TMessage : class
    {
        await using var scope = Consumer.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
        foreach (var (message, options) in messages)
        {
            Assert.True(await outbox.EnqueueAsync(message, options, TestContext.Current.CancellationToken));
        }
    }

    /// <summary>Every dead letter of a list, following <c>next</c> page by page.</summary>
    public static async Task<List<JsonElement>> ListAllAsync(HttpClient http, string query, int limit)
    {
        var items = new List<JsonElement>();
        string? next = null;
        do
        {
            var url = $"/api/v1/platform/dead-letters?{query}&limit={limit}" + (next is null ? string.Empty : $"&after={Uri.EscapeDataString(next)}");
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(pageItems.Count, 0, limit);
            items.AddRange(pageItems);
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        return items;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
