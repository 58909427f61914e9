using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// Names of the files that storage and SFTP destinations write, from a template: <c>{event_type}</c>,
/// <c>{delivery_id}</c> and the delivery's UTC <c>{yyyy}</c>, <c>{MM}</c>, <c>{dd}</c>, <c>{HH}</c>. A template must
/// contain <c>{delivery_id}</c>: each delivery gets its own name, and a retried attempt overwrites its own file
/// instead of leaving a second one.
/// </summary>
public static partial class ObjectNames
{
    public const string DefaultTemplate = "{event_type}/{yyyy}/{MM}/{dd}/{delivery_id}.json";

    private static readonly string[] Placeholders = ["{event_type}", "{delivery_id}", "{yyyy}", "{MM}", "{dd}", "{HH}"];

    public static string? Problem(string? template)
    {
        if (template is null)
        {
            return null;
        }

        if (template.Length is 0 or > 512 || !template.Contains("{delivery_id}", StringComparison.Ordinal))
        {
            return "path_template must have at most 512 characters and contain {delivery_id}.";
        }

        var literal = Placeholders.Aggregate(template, (rest, p) => rest.Replace(p, "x", StringComparison.Ordinal));
        if (!SafeName().IsMatch(literal) || literal.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "path_template may use letters, digits, '-', '_', '.', '/' between non-empty segments (no '..') and the placeholders "
                + string.Join(", ", Placeholders) + ".";
        }

        return null;
    }

    public static string Render(string? template, OutgoingDelivery delivery)
    {
        var at = delivery.CreatedAt.UtcDateTime;
        return (template ?? DefaultTemplate)
            .Replace("{event_type}", delivery.EventType, StringComparison.Ordinal)
            .Replace("{delivery_id}", delivery.DeliveryId.ToString(), StringComparison.Ordinal)
            .Replace("{yyyy}", at.ToString("yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MM}", at.ToString("MM", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{dd}", at.ToString("dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{HH}", at.ToString("HH", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// Where a delivery's file lands: in a folder beside its payload, named as the payload without its extension
    /// (<c>.../&lt;delivery_id&gt;.json</c> → <c>.../&lt;delivery_id&gt;/ebook.pdf</c>). Catalog file names are already
    /// single, sanitised segments.
    /// </summary>
    public static string ForFile(string payloadName, DeliveryFile file)
    {
        var slash = payloadName.LastIndexOf('/');
        var dot = payloadName.LastIndexOf('.');
        var folder = dot > slash + 1 ? payloadName[..dot] : payloadName + ".files";
        return $"{folder}/{file.Name}";
    }

    /// <summary>Where a connection test writes (and then removes) its probe.</summary>
    public static string Probe(OutgoingDelivery test) => $".digitaldelivery-test/{test.DeliveryId}.json";

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex SafeName();
}
