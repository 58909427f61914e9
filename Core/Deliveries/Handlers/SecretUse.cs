namespace DigitalDelivery.Core.Deliveries.Handlers;

public enum SecretUse
{
    /// <summary>The type has no credential; a <c>secret</c> is refused.</summary>
    None,

    /// <summary>The merchant must give one (a password, a key).</summary>
    Required,

    /// <summary>One is made when none is given (webhook signing secrets).</summary>
    Generated,
}
