using System.Globalization;

namespace DigitalDelivery.Bench.Infrastructure;

/// <summary>"--name value" pairs after the subcommand.</summary>
internal sealed class BenchArguments(string[] args)
{
    public string? Get(string name)
    {
        var index = Array.IndexOf(args, "--" + name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public int GetInt(string name, int fallback) =>
        Get(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
