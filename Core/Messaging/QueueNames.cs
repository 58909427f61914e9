namespace DigitalDelivery.Core.Messaging;

/// <summary>The product's queues: who consumes them is decided by the services that register handlers.</summary>
public static class QueueNames
{
    /// <summary>Consumed by Worker: turning business events into fulfilled orders.</summary>
    public const string Fulfillment = "fulfillment";

    /// <summary>Consumed by DeliveryWorker: getting things to customers and merchants (mail, webhooks).</summary>
    public const string Delivery = "delivery";

    /// <summary>Consumed by Worker: virus scans of uploaded files (long-running, so kept apart from fulfillment).</summary>
    public const string FileScans = "file-scans";

    /// <summary>Every queue above: what the operators' queue status reports and dead-letter filters accept.</summary>
    public static IReadOnlyList<string> All { get; } = [Fulfillment, Delivery, FileScans];

    /// <summary>Lower-case letters, digits, '-' and '_', at most 63 characters (it travels as a NOTIFY payload).</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
