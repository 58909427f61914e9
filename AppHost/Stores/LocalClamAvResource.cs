namespace DigitalDelivery.AppHost.Stores;

/// <summary>clamd from Debian's clamav-daemon as an executable resource; Worker reads <c>tcp://host:port</c>.</summary>
public sealed class LocalClamAvResource(string name, string workingDirectory)
    : ExecutableResource(name, "clamd", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "clamd";

    private EndpointReference? _endpoint;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"tcp://{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}
