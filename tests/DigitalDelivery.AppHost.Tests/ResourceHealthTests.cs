namespace DigitalDelivery.AppHost.Tests;

/// <summary>Every resource of the application model comes up: stores healthy, one-shot steps finished with 0.</summary>
[Collection(RunningAppHost.Name)]
public sealed class ResourceHealthTests(AppHostFixture fixture)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("deliverydb")]
    [InlineData("cache")]
    [InlineData("blobs")]
    [InlineData("clamav")]
    [InlineData("smtp")]
    [InlineData("api")]
    [InlineData("worker")]
    [InlineData("deliveryworker")]
    [InlineData("web")]
    public async Task A_long_running_resource_reaches_healthy(string resource)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var state = await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
    }

    [Theory]
    [InlineData("migrations")]
    [InlineData("seed")]
    public async Task A_one_shot_step_finishes_with_exit_code_zero(string resource)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var finished = await fixture.App.ResourceNotifications.WaitForResourceAsync(
            resource, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        Assert.Equal((KnownResourceStates.Finished, 0), (finished.Snapshot.State?.Text, finished.Snapshot.ExitCode));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_first_run_seed_writes_the_credentials_to_the_secrets_folder_only()
    {
        var credentials = fixture.FirstRunCredentials();
        Assert.All(["organization_id", "owner_email", "owner_password", "client_id", "client_secret"], key => Assert.True(credentials.ContainsKey(key), key));
        var file = Path.Combine(fixture.LocalDirectory, "secrets", "first-run-credentials.txt");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.True(File.Exists(Path.Combine(fixture.LocalDirectory, "secrets", "postgres.password")));
    }
}
