using System.Globalization;

namespace DigitalDelivery.Core.Redis;

/// <summary>One host and port from a Redis connection string.</summary>
public sealed record RedisEndpoint(string Host, int Port)
{
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
