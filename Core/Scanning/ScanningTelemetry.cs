using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DigitalDelivery.Core.Scanning;

/// <summary>One span per scan and a count of verdicts, under the product prefix ServiceDefaults subscribes to.</summary>
internal static class ScanningTelemetry
{
    public const string Name = "DigitalDelivery.Scanning";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Scans = Meter.CreateCounter<long>(
        "digitaldelivery.scanning.scans", unit: "{scan}", description: "Streams sent to clamd, by outcome.");

    private static readonly Counter<long> ScannedBytes = Meter.CreateCounter<long>(
        "digitaldelivery.scanning.bytes", unit: "By", description: "Bytes sent to clamd for scanning.");

    public static void Record(Activity? activity, string outcome, long bytes)
    {
        Scans.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        ScannedBytes.Add(bytes);
        activity?.SetTag("clamav.outcome", outcome);
        activity?.SetTag("clamav.bytes_sent", bytes);
    }
}
