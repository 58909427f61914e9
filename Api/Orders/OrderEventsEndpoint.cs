using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalDelivery.Api.Orders;

/// <summary>
/// GET /api/v1/orders/{id}/events: the order's transitions as server-sent events (<c>event: transition</c>, id =
/// the transition's sequence, so a client resumes with Last-Event-ID). New transitions are polled from the
/// database every second, which works across Api replicas without a broadcast channel; the stream ends after a
/// final state (one with no further transitions).
/// </summary>
public static class OrderEventsEndpoint
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<Results<ServerSentEventsResult<OrderTransitionResponse>, NotFound>> StreamAsync(
        Guid id, HttpContext http, DeliveryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Set<Order>().AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var after = int.TryParse(http.Request.Headers["Last-Event-ID"], out var lastSeen) ? lastSeen : 0;
        return TypedResults.ServerSentEvents(ReadAsync(id, after, db, time, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<OrderTransitionResponse>> ReadAsync(
        Guid id, int after, DeliveryDbContext db, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var transitions = await db.Set<OrderTransition>().AsNoTracking()
                .Where(t => t.OrderId == id && t.Sequence > after).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
            foreach (var transition in transitions)
            {
                after = transition.Sequence;
                yield return new SseItem<OrderTransitionResponse>(OrderTransitionResponse.Of(transition), "transition")
                {
                    EventId = transition.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }

            if (transitions.Count > 0 && OrderStateMachine.AllowedFrom(transitions[^1].ToStatus).Count == 0)
            {
                yield break;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}
