using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>The download Api in redirect mode, with a 2-second SAS lifetime.</summary>
public sealed class RedirectDownloadsApiFixture(LocalInfrastructure infrastructure) : DownloadsApiFixture(infrastructure)
{
    protected override string Mode => "Redirect";
}
