extern alias api;

using System.Diagnostics;

namespace DigitalDelivery.Tests.Infrastructure;

/// <summary>Runs the Api executable with a command (<c>seed</c>, <c>organizations create ...</c>) as an operator would.</summary>
public static class ApiCommandLine
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static async Task<Outcome> RunAsync(LocalInfrastructure infrastructure, string connectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(api::Program).Assembly.Location },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__deliverydb"] = connectionString;
        start.Environment["ConnectionStrings__cache"] = infrastructure.Redis.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var cancellationToken = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await errors);
    }

    /// <summary>The key=value lines a command printed (credentials), by key.</summary>
    public static Dictionary<string, string> Values(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains('=', StringComparison.Ordinal) && char.IsAsciiLetterLower(l[0]))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
