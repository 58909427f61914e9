namespace DigitalDelivery.Core.Deliveries.Handlers.Sftp;

/// <summary>
/// An SFTP destination's settings. <c>auth</c> says what the destination's secret is: the account's password, or an
/// unencrypted private key (OpenSSH or PEM). Files land under <c>directory</c> (absolute, created when missing) named
/// by <c>path_template</c> (see <see cref="ObjectNames"/>). <c>host_key_sha256</c> pins the server's host key in the
/// form <c>ssh-keygen -lf</c> prints (<c>SHA256:...</c>); without it any host key is accepted.
/// </summary>
public sealed record SftpConfig(
    string Host,
    string Username,
    string Auth,
    string Directory,
    int Port = SftpConfig.DefaultPort,
    string? PathTemplate = null,
    string? FilePermissions = null,
    string? HostKeySha256 = null)
{
    public const int DefaultPort = 22;
    public const string Password = "password";
    public const string Key = "key";
}
