using DigitalDelivery.Tests.Infrastructure;

namespace DigitalDelivery.Tests.Catalog;

/// <summary>The catalog Api on Kestrel (127.0.0.1, a free port): uploads go through real sockets and Kestrel's body handling.</summary>
public sealed class KestrelCatalogApiFixture(LocalInfrastructure infrastructure) : CatalogApiFixture(infrastructure)
{
    protected override bool UseKestrel => true;
}
