using System.Diagnostics;
using System.Globalization;

namespace DigitalDelivery.Bench.Infrastructure;

/// <summary>
/// CPU time used by this process and by a local PostgreSQL (its postmaster, live backends and the backends it has
/// reaped), read from /proc: where a phase spends the machine's two cores.
/// </summary>
internal sealed class CpuMeter(int? postgresPort)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (TimeSpan Bench, TimeSpan Postgres) Read() =>
        (Process.GetCurrentProcess().TotalProcessorTime, postgresPort is { } port ? PostgresCpu(port) : TimeSpan.Zero);

    private static TimeSpan PostgresCpu(int port)
    {
        var postmaster = FindPostmaster(port);
        if (postmaster is null)
        {
            return TimeSpan.Zero;
        }

        double ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.UserTime + stat.SystemTime + stat.ChildrenUserTime + stat.ChildrenSystemTime;
            }
            else if (stat.ParentPid == postmaster)
            {
                ticks += stat.UserTime + stat.SystemTime;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static int? FindPostmaster(int port)
    {
        var portArgument = port.ToString(CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var index = Array.IndexOf(arguments, "-p");
                if (index >= 0 && index + 1 < arguments.Length && arguments[index + 1] == portArgument
                    && arguments[0].EndsWith("/postgres", StringComparison.Ordinal))
                {
                    return int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static (int ParentPid, double UserTime, double SystemTime, double ChildrenUserTime, double ChildrenSystemTime)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            double Field(int number) => double.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return ((int)Field(4), Field(14), Field(15), Field(16), Field(17));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
