using Amazon.Runtime;
using DigitalDelivery.Core.Deliveries.Handlers.Network;

namespace DigitalDelivery.Core.Deliveries.Handlers.Storage;

/// <summary>
/// Hands the AWS SDK HttpClients over one handler whose connections go through <see cref="OutboundConnector"/>.
/// Each client is new and does not own the handler, so the SDK may dispose what it was given without closing the
/// pooled connections other deliveries share.
/// </summary>
internal sealed class GuardedHttpClientFactory(HttpMessageHandler handler, TimeSpan timeout) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false) { Timeout = timeout };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
