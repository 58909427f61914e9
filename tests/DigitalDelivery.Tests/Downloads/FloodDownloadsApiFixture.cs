using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>The download Api with a small per-IP limit on malformed and unknown tokens.</summary>
public sealed class FloodDownloadsApiFixture(LocalInfrastructure infrastructure) : DownloadsApiFixture(infrastructure)
{
    public const int Limit = 20;

    protected override int InvalidTokenPermitLimit => Limit;
}
