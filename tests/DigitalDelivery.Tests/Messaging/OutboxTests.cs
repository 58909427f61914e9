using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Messaging;

public sealed class OutboxTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_enqueued_in_a_business_transaction_commits_with_it_and_a_rollback_leaves_neither()
    {
        var database = await infrastructure.MigratedDatabaseAsync("outbox_atomic");
        await using var host = await MessagingTestHost.StartAsync(database);

        foreach (var commit in new[] { true, false })
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
            db.Organizations.Add(new Organization { Id = Guid.NewGuid(), Name = "Acme", Slug = $"acme-{commit}", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Cancellation);
            Assert.True(await outbox.EnqueueAsync(new TestMessage(commit ? 1 : 2), cancellationToken: Cancellation));
            if (commit)
            {
                await transaction.CommitAsync(Cancellation);
            }
            else
            {
                await transaction.RollbackAsync(Cancellation);
            }
        }

        Assert.Equal(1L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM organizations"));
        Assert.Equal("acme-True", await TestEffects.ScalarAsync<string>(database, "SELECT slug FROM organizations"));
        Assert.Equal(1L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages"));
        Assert.Equal(1, await TestEffects.ScalarAsync<int>(database, "SELECT (payload->>'Number')::int FROM messaging_messages"));
    }

    [Fact]
    public async Task Enqueueing_with_unsaved_changes_and_no_transaction_is_refused()
    {
        var database = await infrastructure.MigratedDatabaseAsync("outbox_refused");
        await using var host = await MessagingTestHost.StartAsync(database);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
        db.Organizations.Add(new Organization { Id = Guid.NewGuid(), Name = "Acme", Slug = "acme", CreatedAt = DateTimeOffset.UtcNow });

        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.EnqueueAsync(new TestMessage(1), cancellationToken: Cancellation));
        Assert.Equal(0L, await TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_messages"));
    }

    [Fact]
    public async Task A_dedupe_key_still_pending_in_the_queue_makes_another_enqueue_do_nothing_until_it_completes()
    {
        var database = await infrastructure.MigratedDatabaseAsync("outbox_dedupe");
        var probe = new HandlerProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.OnHandle = (_, _, _) => gate.Task;
        await using var consumer = await MessagingTestHost.StartAsync(database, probe, m => m.AddHandler<TestMessage, ProbeHandler>());
        await using var scope = consumer.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
        var keyed = new EnqueueOptions { DedupeKey = "recompute-42" };

        Assert.True(await outbox.EnqueueAsync(new TestMessage(1), keyed, Cancellation));
        Assert.False(await outbox.EnqueueAsync(new TestMessage(2), keyed, Cancellation));
        Assert.Equal(1, await outbox.EnqueueManyAsync([new TestMessage(3), new TestMessage(4)], _ => new EnqueueOptions { DedupeKey = "batch" }, Cancellation));
        Assert.True(await outbox.EnqueueAsync(new TestMessage(5), new EnqueueOptions { DedupeKey = "other-key" }, Cancellation));

        // While the first message runs its key is still taken; once it completes the key is free again.
        await Eventually.WaitUntilAsync(() => consumer.Consumer().Running > 0, what: "the keyed message to start");
        Assert.False(await outbox.EnqueueAsync(new TestMessage(6), keyed, Cancellation));
        gate.SetResult();
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 3, what: "three messages handled");
        // Handled is not yet completed: completions are written in batches just after the handler returns.
        await Eventually.WaitUntilAsync(async () => await TestEffects.ScalarAsync<long>(database,
            "SELECT count(*) FROM messaging_messages WHERE dedupe_key = 'recompute-42'") == 0, what: "the keyed message to complete");
        Assert.True(await outbox.EnqueueAsync(new TestMessage(7), keyed, Cancellation));
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 4, what: "the re-keyed message");

        Assert.Equal([1, 3, 5, 7], probe.Calls.Select(c => c.Message.Number).Order());
    }

    [Fact]
    public async Task A_batch_enqueue_writes_every_message_in_one_call_with_its_own_options()
    {
        var database = await infrastructure.MigratedDatabaseAsync("outbox_batch");
        await using var host = await MessagingTestHost.StartAsync(database);
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
        var messages = Enumerable.Range(1, 1000).Select(i => new TestMessage(i, $"text {i}")).ToList();

        var added = await outbox.EnqueueManyAsync(messages, m => new EnqueueOptions { Priority = m.Number % 11 }, Cancellation);

        Assert.Equal(1000, added);
        Assert.Equal(1000L, await TestEffects.ScalarAsync<long>(database,
            "SELECT count(*) FROM messaging_messages WHERE priority = ((payload->>'Number')::int % 11) AND payload->>'Text' = 'text ' || (payload->>'Number')"));
        Assert.Equal(1000L, await TestEffects.ScalarAsync<long>(database, "SELECT count(DISTINCT id) FROM messaging_messages"));
    }
}
