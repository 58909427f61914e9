using System.Net;
using DigitalDelivery.Core.Deliveries.Handlers.Network;
using DigitalDelivery.Core.Deliveries.Handlers.Webhook;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Destinations cannot reach our own network unless the deployment allows it (local runs and tests do).</summary>
public sealed class OutboundNetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    public void Private_loopback_link_local_and_reserved_addresses_are_not_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, OutboundConnector.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_webhook_to_a_loopback_receiver_is_refused_for_good_without_a_connection()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(new OutboundConnector(Options.Create(new OutboundNetworkOptions())), TimeProvider.System);

        var outcome = await sender.SendAsync(new WebhookConfig(receiver.Url("/guarded")), [WebhookSecrets.New()], "msg_1", "{}", TestContext.Current.CancellationToken);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains("may not reach", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received("/guarded"));
    }

    [Fact]
    public async Task With_private_networks_allowed_the_same_webhook_is_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(
            new OutboundConnector(Options.Create(new OutboundNetworkOptions { AllowPrivateNetworks = true })), TimeProvider.System);

        var outcome = await sender.SendAsync(new WebhookConfig(receiver.Url("/allowed")), [WebhookSecrets.New()], "msg_2", "{}", TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Single(receiver.Received("/allowed"));
    }
}
