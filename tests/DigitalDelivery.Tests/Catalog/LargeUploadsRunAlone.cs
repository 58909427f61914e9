namespace DigitalDelivery.Tests.Catalog;

/// <summary>Large uploads measure the process's memory, so they run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(LargeUploadsRunAlone), DisableParallelization = true)]
public sealed class LargeUploadsRunAlone;
