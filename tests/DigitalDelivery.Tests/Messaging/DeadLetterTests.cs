using DigitalDelivery.Core.Messaging;
using DigitalDelivery.Core.Messaging.DeadLetters;
using DigitalDelivery.Core.Messaging.Sending;
using DigitalDelivery.Tests.Infrastructure;
using DigitalDelivery.Tests.Messaging.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Messaging;

public sealed class DeadLetterTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dead_letters_can_be_listed_inspected_replayed_one_by_filter_or_all_and_purged()
    {
        var database = await infrastructure.MigratedDatabaseAsync("dead_letters");
        var failing = true;
        var probe = new HandlerProbe
        {
            OtherFails = true,
            OnHandle = (message, _, _) => failing ? throw new InvalidOperationException($"boom {message.Number}\nsecond line") : Task.CompletedTask,
        };
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.Retry = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero))
            .AddHandler<TestMessage, ProbeHandler>()
            .AddHandler<OtherTestMessage, OtherProbeHandler>());
        var deadLetters = host.Services.GetRequiredService<DeadLetterService>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            await outbox.EnqueueManyAsync(Enumerable.Range(1, 4).Select(n => new TestMessage(n, "payload")), cancellationToken: Cancellation);
            await outbox.EnqueueManyAsync([new OtherTestMessage(1), new OtherTestMessage(2)], cancellationToken: Cancellation);
        }

        await Eventually.WaitUntilAsync(async () => await CountAsync(database) == 6, what: "six dead letters");

        // List, two pages.
        var first = await deadLetters.ListAsync(DeadLetterFilter.All, limit: 4, cancellationToken: Cancellation);
        var second = await deadLetters.ListAsync(DeadLetterFilter.All, limit: 4, after: first.Next, cancellationToken: Cancellation);
        Assert.Equal(4, first.Items.Count);
        Assert.NotNull(first.Next);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.Next);
        Assert.Equal(6, first.Items.Concat(second.Items).Select(i => i.Id).Distinct().Count());
        var others = await deadLetters.ListAsync(new DeadLetterFilter(MessageType: "other-test-message"), cancellationToken: Cancellation);
        Assert.Equal(2, others.Items.Count);

        // Inspect.
        var summary = first.Items.Concat(second.Items).First(i => i.MessageType == "test-message");
        var letter = await deadLetters.GetAsync(summary.Id, Cancellation);
        Assert.NotNull(letter);
        using (var payload = System.Text.Json.JsonDocument.Parse(letter.Payload))
        {
            Assert.Equal("payload", payload.RootElement.GetProperty("Text").GetString());
        }

        Assert.Equal(1, letter.Attempts);
        var failure = Assert.Single(letter.History);
        Assert.Equal(1, failure.Attempt);
        Assert.Contains("InvalidOperationException: boom", failure.Error, StringComparison.Ordinal);
        Assert.StartsWith("System.InvalidOperationException: boom", summary.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', summary.LastError);

        // Replay one: same message id, so the idempotency key is unchanged.
        failing = false;
        probe.OtherFails = false;
        Assert.True(await deadLetters.ReplayAsync(summary.Id, Cancellation));
        Assert.False(await deadLetters.ReplayAsync(summary.Id, Cancellation));
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 1, what: "the replayed message");
        Assert.Equal(summary.Id, probe.Calls.Single().Context.MessageId);
        Assert.Equal(1, probe.Calls.Single().Context.Attempt);

        // Replay by filter.
        Assert.Equal(2, await deadLetters.ReplayAsync(new DeadLetterFilter(MessageType: "other-test-message"), Cancellation));
        await Eventually.WaitUntilAsync(() => probe.OtherCalls.Count == 2, what: "the replayed other messages");

        // Purge one, replay all the rest.
        var remaining = (await deadLetters.ListAsync(DeadLetterFilter.All, cancellationToken: Cancellation)).Items;
        Assert.Equal(3, remaining.Count);
        Assert.True(await deadLetters.PurgeAsync(remaining[0].Id, Cancellation));
        Assert.Equal(2, await deadLetters.ReplayAsync(DeadLetterFilter.All, Cancellation));
        await Eventually.WaitUntilAsync(() => probe.Calls.Count == 3, what: "all replayed messages");
        Assert.Equal(0L, await CountAsync(database));
    }

    [Fact]
    public async Task Purging_by_filter_deletes_only_the_matching_dead_letters_and_replay_leaves_a_letter_whose_dedupe_key_is_taken()
    {
        var database = await infrastructure.MigratedDatabaseAsync("dead_letters_purge");
        var probe = new HandlerProbe { OtherFails = true, OnHandle = (_, _, _) => throw new InvalidOperationException("always") };
        await using var host = await MessagingTestHost.StartAsync(database, probe, m => m
            .AddQueue(MessagingTestHost.Queue, q => q.Retry = new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero))
            .AddHandler<TestMessage, ProbeHandler>()
            .AddHandler<OtherTestMessage, OtherProbeHandler>());
        var deadLetters = host.Services.GetRequiredService<DeadLetterService>();
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
        await outbox.EnqueueManyAsync(Enumerable.Range(1, 3).Select(n => new TestMessage(n)), cancellationToken: Cancellation);
        await outbox.EnqueueAsync(new OtherTestMessage(1), new EnqueueOptions { DedupeKey = "only-one" }, Cancellation);
        await Eventually.WaitUntilAsync(async () => await CountAsync(database) == 4, what: "four dead letters");

        // A message with the same key is pending again (scheduled far ahead): the letter cannot be replayed yet.
        await outbox.EnqueueAsync(new OtherTestMessage(2), new EnqueueOptions { DedupeKey = "only-one", NotBefore = DateTimeOffset.UtcNow.AddDays(1) }, Cancellation);
        Assert.Equal(0, await deadLetters.ReplayAsync(new DeadLetterFilter(MessageType: "other-test-message"), Cancellation));

        Assert.Equal(3, await deadLetters.PurgeAsync(new DeadLetterFilter(MessagingTestHost.Queue, "test-message"), Cancellation));
        var left = Assert.Single((await deadLetters.ListAsync(DeadLetterFilter.All, cancellationToken: Cancellation)).Items);
        Assert.Equal("other-test-message", left.MessageType);
        Assert.Equal(0, await deadLetters.PurgeAsync(new DeadLetterFilter(DeadLetteredBefore: left.DeadLetteredAt), Cancellation));
        Assert.Equal(1, await deadLetters.PurgeAsync(DeadLetterFilter.All, Cancellation));
    }

    private static Task<long> CountAsync(string database) =>
        TestEffects.ScalarAsync<long>(database, "SELECT count(*) FROM messaging_dead_letters");
}
