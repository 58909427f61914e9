using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Identity;

/// <summary>The Api with small limits (3 per minute) so the tests reach them quickly.</summary>
public sealed class RateLimitingFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:TokenPerClient:PermitLimit"] = "3",
        ["RateLimiting:WritesPerClient:PermitLimit"] = "3",
        ["RateLimiting:SignInPerAccount:PermitLimit"] = "3",
        ["RateLimiting:PublicPerIp:PermitLimit"] = "3",
        ["RateLimiting:KeyPrefix"] = $"ratelimit-test-{Guid.NewGuid():N}:",
    };
}
