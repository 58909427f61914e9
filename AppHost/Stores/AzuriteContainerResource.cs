namespace DigitalDelivery.AppHost.Stores;

/// <summary>Azurite's container (where Docker or Podman runs), with the emulator's documented development account.</summary>
public sealed class AzuriteContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "blob";

    // Azurite's documented development key: public, the same on every machine.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteResource.AccountName};AccountKey={DevelopmentKey};BlobEndpoint=http://{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}/{AzuriteResource.AccountName};");
}
