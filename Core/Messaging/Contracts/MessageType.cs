namespace DigitalDelivery.Core.Messaging.Contracts;

/// <summary>A registered message contract: its stable name on the wire, its queue and how to read it.</summary>
internal abstract class MessageType(string name, string queue, Type clrType)
{
    public string Name { get; } = name;
    public string Queue { get; } = queue;
    public Type ClrType { get; } = clrType;
}
