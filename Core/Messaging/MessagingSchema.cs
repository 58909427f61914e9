namespace DigitalDelivery.Core.Messaging;

/// <summary>Names shared by the SQL of the engine (the tables are created by the Messaging migration).</summary>
internal static class MessagingSchema
{
    /// <summary>The LISTEN/NOTIFY channel; the payload is the queue name.</summary>
    public const string NotifyChannel = "digitaldelivery_messaging";

    /// <summary>Longest error text kept per attempt: enough for the exception chain and the top of the stack.</summary>
    public const int MaxErrorLength = 4000;
}
