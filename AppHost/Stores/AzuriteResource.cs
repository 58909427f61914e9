namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// Azurite's Blob service (npm, pinned in package.json) as an executable resource, with an account key generated for
/// this machine instead of the emulator's well-known one. The endpoint is 127.0.0.1, never localhost: the Azure SDK
/// reads the first path segment of a localhost URL as the account (PLATFORM.md section 2).
/// </summary>
public sealed class AzuriteResource(string name, string command, string workingDirectory, ParameterResource accountKey)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "blob";
    public const string AccountName = "devstoreaccount1";

    private EndpointReference? _endpoint;

    public ParameterResource AccountKey { get; } = accountKey;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}/{AccountName};");
}
