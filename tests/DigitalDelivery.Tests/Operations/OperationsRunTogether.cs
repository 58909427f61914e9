namespace DigitalDelivery.Tests.Operations;

/// <summary>
/// The operations tests share one Api and consumer, and run one after another: queue counts and bulk purges are
/// about the whole database, so a test's deltas must not see another's messages.
/// </summary>
[CollectionDefinition(nameof(OperationsRunTogether))]
public sealed class OperationsRunTogether : ICollectionFixture<OperationsFixture>;
