namespace DigitalDelivery.AppHost.Tests;

/// <summary>One running AppHost for every test that needs one: starting and stopping it takes tens of seconds.</summary>
[CollectionDefinition(Name)]
public sealed class RunningAppHost : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
