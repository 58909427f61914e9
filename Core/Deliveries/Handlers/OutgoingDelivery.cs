namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// What a handler sends: the delivery's id (stable across attempts, so peers can drop duplicates by it), the event
/// type and the payload envelope exactly as stored (JSON: id, type, timestamp, data, metadata, files), and the
/// catalog files that travel with it, streamed by the handler.
/// </summary>
public sealed record OutgoingDelivery(Guid DeliveryId, string EventType, string Payload, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<DeliveryFile> Files { get; init; } = [];

    /// <summary>A connection test's payload: a <c>destination.test</c> event with a fresh id.</summary>
    public static OutgoingDelivery Test(Guid destinationId, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var payload = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = id,
            ["type"] = TestEventType,
            ["timestamp"] = now,
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["destination_id"] = destinationId },
        }.ToJsonString();
        return new OutgoingDelivery(id, TestEventType, payload, now);
    }

    public const string TestEventType = "destination.test";

    public bool IsTest => EventType == TestEventType;
}
