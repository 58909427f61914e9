namespace DigitalDelivery.Bench.Deliveries;

/// <summary>
/// One run of a phase: deliveries per second (first publish to last arrival), submit-to-receiver latencies (ms),
/// the producers' own rate and publish-call durations, and CPU per delivery of this process and of PostgreSQL.
/// </summary>
internal sealed record DeliveryRun(
    double Rate, List<double> Latencies, double PublishRate, List<double> PublishCalls, double DotnetMicroseconds, double PostgresMicroseconds, string LoadAverage);
