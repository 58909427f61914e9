using System.Text.Json;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Security.DataProtection;

namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// The registered destination types: validation for the Api, and opening a stored destination (settings parsed,
/// credentials decrypted) for an attempt or a connection test.
/// </summary>
public sealed class DestinationHandlers(IEnumerable<IDestinationHandler> handlers, SecretProtector protector, TimeProvider time)
{
    private readonly Dictionary<string, IDestinationHandler> _byType = handlers.ToDictionary(h => h.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _byType.Keys;

    public IDestinationHandler? Find(string type) => _byType.GetValueOrDefault(type);

    public IDestinationHandler Get(string type) =>
        Find(type) ?? throw new InvalidOperationException($"No handler is registered for destination type '{type}'.");

    /// <summary>Checks settings and secret for <paramref name="type"/>; returns the settings normalised for storage.</summary>
    public string? Validate(string type, JsonElement config, string? secret, bool secretStored, IDictionary<string, string[]> errors)
    {
        if (Find(type) is not { } handler)
        {
            errors["type"] = [$"type must be one of {string.Join(", ", _byType.Keys.Order(StringComparer.Ordinal))}."];
            return null;
        }

        var typeErrors = new Dictionary<string, string[]>();
        switch (handler.Secret)
        {
            case SecretUse.None when secret is not null:
                typeErrors["secret"] = [$"A {type} destination has no secret."];
                break;
            case SecretUse.Required when secret is null && !secretStored:
                typeErrors["secret"] = [$"A {type} destination needs its credential in secret."];
                break;
        }

        var parsed = handler.ParseConfig(config, secret, typeErrors);
        foreach (var (field, messages) in typeErrors)
        {
            errors[field] = messages;
        }

        return parsed is not null && typeErrors.Count == 0 ? DestinationConfigJson.Serialize(parsed) : null;
    }

    public DestinationTarget Open(Destination destination)
    {
        var handler = Get(destination.Type);
        var errors = new Dictionary<string, string[]>();
        using var document = JsonDocument.Parse(destination.Config);
        var config = handler.ParseConfig(document.RootElement, null, errors)
            ?? throw new InvalidOperationException($"Destination {destination.Id} has settings its handler refuses: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        var previous = destination.PreviousSecretExpiresAt > time.GetUtcNow() ? Unprotect(destination.ProtectedPreviousSecret) : null;
        return new DestinationTarget(destination, config, Unprotect(destination.ProtectedSecret), previous);
    }

    public string Protect(string secret) => protector.Protect(DestinationSecrets.ProtectionPurpose, secret);

    private string? Unprotect(string? protectedSecret) =>
        protectedSecret is null ? null : protector.Unprotect(DestinationSecrets.ProtectionPurpose, protectedSecret);
}
