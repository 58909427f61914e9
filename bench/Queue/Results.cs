using System.Globalization;
using DigitalDelivery.Bench.Infrastructure;

namespace DigitalDelivery.Bench.Queue;

/// <summary>The rows of the printed table and the figures of the summary line (the line scripts read: keep its shape).</summary>
internal sealed class Results
{
    private readonly List<(string Measure, string Value, string How)> _rows = [];

    public double CommitCeiling { get; set; }
    public double EnqueueBatched { get; set; }
    public double Processed { get; set; }
    public List<double> Idle { get; set; } = [];

    public void Add(string measure, string value, string how)
    {
        _rows.Add((measure, value, how));
        Console.WriteLine($"  {measure}: {value} ({how})");
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"| {"measure",-30} | {"result",-20} | how");
        Console.WriteLine($"|{new string('-', 32)}|{new string('-', 22)}|{new string('-', 60)}");
        foreach (var (measure, value, how) in _rows)
        {
            Console.WriteLine($"| {measure,-30} | {value,-20} | {how}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue: processed={Processed:F0}/s enqueue_batched={EnqueueBatched:F0}/s idle_p50_ms={Percentiles.Of(Idle, 50):F2} idle_p99_ms={Percentiles.Of(Idle, 99):F2} commit_ceiling={CommitCeiling:F0}/s"));
    }
}
