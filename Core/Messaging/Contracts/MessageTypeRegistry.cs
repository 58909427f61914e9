namespace DigitalDelivery.Core.Messaging.Contracts;

/// <summary>Message contracts by CLR type (for enqueueing) and by wire name (for consuming).</summary>
internal sealed class MessageTypeRegistry
{
    private readonly Dictionary<Type, MessageType> _byType = [];
    private readonly Dictionary<string, MessageType> _byName = new(StringComparer.Ordinal);

    public IEnumerable<MessageType> All => _byType.Values;

    public void Add(MessageType type)
    {
        if (_byType.TryGetValue(type.ClrType, out var existing))
        {
            if (existing.Name == type.Name && existing.Queue == type.Queue)
            {
                return;
            }

            throw new InvalidOperationException($"{type.ClrType.Name} is already registered as '{existing.Name}' on queue '{existing.Queue}'.");
        }

        if (_byName.ContainsKey(type.Name))
        {
            throw new InvalidOperationException($"Two message types are named '{type.Name}'.");
        }

        _byType.Add(type.ClrType, type);
        _byName.Add(type.Name, type);
    }

    public MessageType<TMessage> Get<TMessage>() where TMessage : class =>
        _byType.TryGetValue(typeof(TMessage), out var type)
            ? (MessageType<TMessage>)type
            : throw new InvalidOperationException(
                $"{typeof(TMessage).Name} is not a registered message: call AddMessage in AddMessaging.");

    public MessageType? Find(string name) => _byName.GetValueOrDefault(name);
}
