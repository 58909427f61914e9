using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Catalog.Delivery;

/// <summary>
/// Where a fulfilled order is announced: <c>email</c> (the customer's access mail), a destination type (every
/// enabled destination of that type: <c>webhook</c>, <c>storage</c>, <c>sftp</c>, <c>download</c>) or a type and a
/// destination's name (<c>webhook:erp</c>, <c>email:accounting</c>, <c>sftp:warehouse</c>). Those destinations get
/// order.fulfilled whether or not they subscribe to it. The kinds are closed; names are free-form.
/// </summary>
public static partial class DeliveryDestinations
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const int MaxCount = 10;

    public static IReadOnlyList<string> Kinds { get; } = [Email, Webhook];

    public static bool IsValid(string? destination) => destination is { Length: <= 80 } && Format().IsMatch(destination);

    /// <summary>Whether <paramref name="selector"/> (not <c>email</c> alone) picks the destination of this type and name.</summary>
    public static bool Selects(string selector, string type, string name)
    {
        var (kind, wanted) = selector.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? (selector[..colon], selector[(colon + 1)..])
            : (selector, null);
        return selector != Email && kind == type && (wanted is null || string.Equals(wanted, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("^(?:email(?::[A-Za-z0-9][A-Za-z0-9._ -]{0,63})?|(?:webhook|storage|sftp|download)(?::[A-Za-z0-9][A-Za-z0-9._ -]{0,63})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
