namespace DigitalDelivery.AppHost.Stores;

/// <summary>clamd's official image (it runs freshclam itself), for machines with a container runtime and for azd.</summary>
public sealed class ClamAvContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "clamd";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"tcp://{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}
