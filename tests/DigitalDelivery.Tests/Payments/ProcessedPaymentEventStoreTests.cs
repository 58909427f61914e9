using DigitalDelivery.Core.Payments.Webhooks;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Tests.Payments;

/// <summary>The dedupe record joins the caller's EF transaction, so an order change and the event id commit together.</summary>
public sealed class ProcessedPaymentEventStoreTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_id_is_recorded_once_and_a_second_record_reports_a_duplicate()
    {
        var connectionString = await infrastructure.MigratedDatabaseAsync("payment_events_once");
        await using var db = TestDatabase.CreateContext(connectionString);
        var store = new ProcessedPaymentEventStore(TimeProvider.System);

        var first = await store.TryRecordAsync(db, "evt_once", Cancellation);
        var second = await store.TryRecordAsync(db, "evt_once", Cancellation);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task A_record_made_in_a_rolled_back_transaction_leaves_no_trace()
    {
        var connectionString = await infrastructure.MigratedDatabaseAsync("payment_events_rollback");
        await using var db = TestDatabase.CreateContext(connectionString);
        var store = new ProcessedPaymentEventStore(TimeProvider.System);

        await using (var transaction = await db.Database.BeginTransactionAsync(Cancellation))
        {
            Assert.True(await store.TryRecordAsync(db, "evt_rolled_back", Cancellation));
            await transaction.RollbackAsync(Cancellation);
        }

        Assert.False(await db.Set<ProcessedPaymentEvent>().AnyAsync(e => e.EventId == "evt_rolled_back", Cancellation));
        Assert.True(await store.TryRecordAsync(db, "evt_rolled_back", Cancellation));
    }

    [Fact]
    public async Task A_concurrent_record_of_the_same_id_waits_for_the_first_transaction_and_then_reports_a_duplicate()
    {
        var connectionString = await infrastructure.MigratedDatabaseAsync("payment_events_concurrent");
        await using var first = TestDatabase.CreateContext(connectionString);
        await using var second = TestDatabase.CreateContext(connectionString);
        var store = new ProcessedPaymentEventStore(TimeProvider.System);
        await using var transaction = await first.Database.BeginTransactionAsync(Cancellation);
        Assert.True(await store.TryRecordAsync(first, "evt_race", Cancellation));

        var waiting = store.TryRecordAsync(second, "evt_race", Cancellation);
        Assert.False(waiting.IsCompleted);
        await transaction.CommitAsync(Cancellation);

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
    }
}
