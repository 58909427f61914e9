using System.Diagnostics;
using System.Diagnostics.Metrics;
using DigitalDelivery.Core.Deliveries.Handlers;

namespace DigitalDelivery.Core.Deliveries.Engine;

/// <summary>
/// Spans and meters of delivery attempts, named "DigitalDelivery.Deliveries" (ServiceDefaults subscribes to
/// "DigitalDelivery.*"). An attempt's span is a child of the queue message's span, which continues the producer's
/// trace, so a merchant's delivery shows in the trace of the payment that caused it. Tags carry types and outcomes,
/// never URLs, addresses or payloads.
/// </summary>
public sealed class DeliveryTelemetry
{
    public const string Name = "DigitalDelivery.Deliveries";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;

    public DeliveryTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _attempts = meter.CreateCounter<long>("deliveries.attempts", "{attempt}",
            "Delivery attempts by destination type and outcome (succeeded, retrying, failed).");
        _duration = meter.CreateHistogram<double>("deliveries.attempt.duration", "s", "Time a destination took to answer an attempt.");
    }

    public static Activity? StartAttempt(string destinationType, Guid deliveryId, Guid destinationId, int attempt)
    {
        var activity = Source.StartActivity($"deliver {destinationType}", ActivityKind.Client);
        activity?.SetTag("deliveries.destination.type", destinationType);
        activity?.SetTag("deliveries.destination.id", destinationId);
        activity?.SetTag("deliveries.delivery.id", deliveryId);
        activity?.SetTag("deliveries.attempt", attempt);
        return activity;
    }

    public void Record(Activity? activity, string destinationType, DeliveryOutcome outcome, string result)
    {
        var tags = new TagList { { "deliveries.destination.type", destinationType }, { "deliveries.outcome", result } };
        _attempts.Add(1, tags);
        _duration.Record(outcome.Duration.TotalSeconds, new TagList { { "deliveries.destination.type", destinationType } });
        if (activity is null)
        {
            return;
        }

        activity.SetTag("deliveries.outcome", result);
        if (outcome.ResponseStatus is { } status)
        {
            activity.SetTag("deliveries.response.status", status);
        }

        if (!outcome.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }
    }
}
