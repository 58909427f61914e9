using Microsoft.Net.Http.Headers;

namespace DigitalDelivery.Api.Downloads;

/// <summary>
/// What a GET or HEAD asks for, resolved against the file (RFC 9110 section 14): the whole file (<see cref="Ranges"/>
/// null), one or more satisfiable ranges, or nothing satisfiable (416). Parsing is ASP.NET Core's
/// (<see cref="RangeHeaderValue"/>, <see cref="RangeConditionHeaderValue"/>); a header it cannot parse is ignored,
/// as the RFC allows, and so is a Range whose If-Range does not match the current strong ETag.
/// </summary>
internal sealed class RangeRequest
{
    private RangeRequest(IReadOnlyList<ByteRange>? ranges, bool unsatisfiable)
    {
        Ranges = ranges;
        IsUnsatisfiable = unsatisfiable;
    }

    public IReadOnlyList<ByteRange>? Ranges { get; }

    public bool IsUnsatisfiable { get; }

    public static RangeRequest Resolve(HttpRequest request, long size, EntityTagHeaderValue eTag, int maxRanges)
    {
        var headers = request.GetTypedHeaders();
        if (headers.Range is not { } range || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count == 0)
        {
            return new RangeRequest(null, unsatisfiable: false);
        }

        if (headers.IfRange is { } ifRange && (ifRange.EntityTag is not { } wanted || !wanted.Compare(eTag, useStrongComparison: true)))
        {
            // A date (we send no Last-Modified) or another ETag: the client's partial copy is stale, send it all.
            return new RangeRequest(null, unsatisfiable: false);
        }

        if (range.Ranges.Count > maxRanges)
        {
            return new RangeRequest(null, unsatisfiable: false);
        }

        var satisfiable = new List<ByteRange>(range.Ranges.Count);
        foreach (var item in range.Ranges)
        {
            if (Normalize(item, size) is { } resolved)
            {
                satisfiable.Add(resolved);
            }
        }

        return satisfiable.Count == 0 ? new RangeRequest(null, unsatisfiable: true) : new RangeRequest(satisfiable, unsatisfiable: false);
    }

    private static ByteRange? Normalize(RangeItemHeaderValue item, long size)
    {
        if (item.From is { } from)
        {
            if (from >= size)
            {
                return null;
            }

            var to = item.To is { } last && last < size ? last : size - 1;
            return new ByteRange(from, to);
        }

        // Suffix range: the last N bytes.
        if (item.To is not { } suffix || suffix <= 0 || size == 0)
        {
            return null;
        }

        return new ByteRange(Math.Max(0, size - suffix), size - 1);
    }
}
