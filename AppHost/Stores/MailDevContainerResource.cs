namespace DigitalDelivery.AppHost.Stores;

/// <summary>MailDev's container: catches customer mail where a container runtime runs (web UI on "http").</summary>
public sealed class MailDevContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "smtp";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}
