using System.Diagnostics;

namespace DigitalDelivery.Core.Redis;

/// <summary>A client span per command (OpenTelemetry database conventions); free when nobody listens.</summary>
internal static class RedisTelemetry
{
    private static readonly ActivitySource Source = new("DigitalDelivery.Redis");

    public static Activity? StartCommand(string command)
    {
        var activity = Source.StartActivity(command, ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        activity?.SetTag("db.operation.name", command);
        return activity;
    }

    public static void SetEndpoint(Activity? activity, RedisEndpoint endpoint)
    {
        activity?.SetTag("server.address", endpoint.Host);
        activity?.SetTag("server.port", endpoint.Port);
    }

    /// <summary>Records the failure and returns false, for use in an exception filter that never catches.</summary>
    public static bool RecordFailure(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
        return false;
    }
}
