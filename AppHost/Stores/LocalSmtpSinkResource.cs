namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// aiosmtpd (Debian python3-aiosmtpd) as an executable resource: accepts every message and keeps it in a Maildir
/// (.local/mail/new/), so nothing leaves the machine and a developer can read the customer mail.
/// </summary>
public sealed class LocalSmtpSinkResource(string name, string maildir)
    : ExecutableResource(name, "/usr/bin/python3", maildir), IResourceWithConnectionString
{
    public const string EndpointName = "smtp";

    private EndpointReference? _endpoint;

    public string Maildir { get; } = maildir;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}
