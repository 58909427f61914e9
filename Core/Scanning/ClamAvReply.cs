using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// Reads clamd's answer to INSTREAM: <c>stream: OK</c>, <c>stream: NAME FOUND</c>, or <c>... ERROR</c>
/// (e.g. <c>INSTREAM size limit exceeded. ERROR</c>).
/// </summary>
internal static partial class ClamAvReply
{
    private const string StreamPrefix = "stream:";
    private const string FoundSuffix = " FOUND";
    private const string ErrorSuffix = " ERROR";

    // With AlertExceedsMax, clamd reports content it could not scan completely as this pseudo-signature.
    private const string LimitsExceededPrefix = "Heuristics.Limits.Exceeded";
    private const int MaxReasonLength = 300;

    public static ScanResult ParseScan(string reply)
    {
        var text = reply.Trim();
        var body = text.StartsWith(StreamPrefix, StringComparison.Ordinal) ? text[StreamPrefix.Length..].Trim() : text;

        if (body == "OK")
        {
            return new ScanResult.Clean();
        }

        if (body.EndsWith(FoundSuffix, StringComparison.Ordinal))
        {
            var signature = ExtendedDetectionInfo().Replace(body[..^FoundSuffix.Length].Trim(), "");
            if (signature.Length == 0)
            {
                return new ScanResult.Failed(Shorten($"clamd reported a detection without a name: {text}"), LimitExceeded: false);
            }

            return signature.StartsWith(LimitsExceededPrefix, StringComparison.Ordinal)
                ? new ScanResult.Failed($"clamd could not scan the content completely ({signature}).", LimitExceeded: true)
                : new ScanResult.Infected(signature);
        }

        if (body.EndsWith(ErrorSuffix, StringComparison.Ordinal))
        {
            var reason = body[..^ErrorSuffix.Length].Trim();
            return new ScanResult.Failed(Shorten(reason),
                LimitExceeded: reason.Contains("size limit exceeded", StringComparison.OrdinalIgnoreCase));
        }

        return new ScanResult.Failed(Shorten($"clamd gave an unexpected answer: {text}"), LimitExceeded: false);
    }

    private static string Shorten(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "...";

    // ExtendedDetectionInfo appends "(md5-or-sha256:size)" to the name; the name alone is what identifies it.
    [GeneratedRegex(@"\([0-9a-fA-F]{32,64}:\d+\)$")]
    private static partial Regex ExtendedDetectionInfo();
}
