using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Catalog.Delivery;

/// <summary>
/// Where a fulfilled order is announced: <c>email</c> (the customer), <c>webhook</c> (every webhook endpoint of the
/// merchant) or <c>webhook:&lt;name&gt;</c> (one named endpoint). The kinds are closed; names are free-form.
/// </summary>
public static partial class DeliveryDestinations
{
    public const string Email = "email";
    public const string Webhook = "webhook";
    public const int MaxCount = 10;

    public static IReadOnlyList<string> Kinds { get; } = [Email, Webhook];

    public static bool IsValid(string? destination) => destination is { Length: <= 80 } && Format().IsMatch(destination);

    [GeneratedRegex("^(?:email|webhook(?::[A-Za-z0-9][A-Za-z0-9._-]{0,63})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
