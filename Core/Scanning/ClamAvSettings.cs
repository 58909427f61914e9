using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DigitalDelivery.Core.Scanning;

/// <summary>
/// Where clamd listens and how long to wait for it. The address comes from ConnectionStrings:clamav as
/// <c>tcp://host:port</c> or <c>host:port</c> (port 3310, clamd's registered port, when omitted); the optional
/// section <c>ClamAv</c> tunes timeouts and chunk size.
/// </summary>
public sealed record ClamAvSettings
{
    public const string ConnectionName = "clamav";
    public const string SectionName = "ClamAv";
    public const int DefaultPort = 3310;

    /// <summary>
    /// Far below any StreamMaxLength anyone configures (clamd rejects a chunk larger than what is left of it),
    /// and large enough that the 4-byte header per chunk is noise.
    /// </summary>
    public const int DefaultChunkSize = 64 * 1024;

    public const int MaxChunkSize = 1024 * 1024;

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one send, or the answer to PING/VERSION, may stall before clamd counts as unavailable.</summary>
    public TimeSpan IoTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long clamd may take to give its verdict once the whole stream is sent (it scans only then).</summary>
    public TimeSpan ScanTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Parses <c>tcp://host[:port]</c> or <c>host[:port]</c>; IPv6 hosts in brackets.</summary>
    public static ClamAvSettings Parse(string connectionString) =>
        TryParse(connectionString, out var settings, out var problem)
            ? settings
            : throw new FormatException($"The ClamAV connection string is invalid: {problem}");

    public static bool TryParse(string? connectionString, out ClamAvSettings settings, out string problem)
    {
        settings = null!;
        var text = connectionString?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "it is empty; expected tcp://host:port.";
            return false;
        }

        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "tcp://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            problem = "it is not of the form tcp://host:port.";
            return false;
        }

        if (!string.Equals(uri.Scheme, "tcp", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"the scheme '{uri.Scheme}' is not supported; only tcp:// is.";
            return false;
        }

        if (uri.Host.Length == 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0)
        {
            problem = "it may hold only a host and a port.";
            return false;
        }

        // Uri reports 0 for an explicit ":0" and -1 when no port is given for an unknown scheme like tcp.
        if (uri.Port == 0)
        {
            problem = "the port must be between 1 and 65535.";
            return false;
        }

        settings = new ClamAvSettings
        {
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.Port > 0 ? uri.Port : DefaultPort,
        };
        problem = "";
        return true;
    }

    /// <summary>Reads ConnectionStrings:clamav and the optional ClamAv section, and validates the result.</summary>
    public static ClamAvSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set (environment variable ConnectionStrings__{ConnectionName}), e.g. tcp://127.0.0.1:3310.");
        var settings = Parse(connectionString);
        var section = configuration.GetSection(SectionName);
        settings = settings with
        {
            ConnectTimeout = ReadTimeSpan(section, nameof(ConnectTimeout)) ?? settings.ConnectTimeout,
            IoTimeout = ReadTimeSpan(section, nameof(IoTimeout)) ?? settings.IoTimeout,
            ScanTimeout = ReadTimeSpan(section, nameof(ScanTimeout)) ?? settings.ScanTimeout,
            ChunkSize = section[nameof(ChunkSize)] is { } chunk
                ? int.Parse(chunk, NumberStyles.None, CultureInfo.InvariantCulture)
                : settings.ChunkSize,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new InvalidOperationException("ClamAv: the host is empty.");
        }

        if (Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"ClamAv: the port {Port} is outside 1-65535.");
        }

        foreach (var (name, value) in new[] { (nameof(ConnectTimeout), ConnectTimeout), (nameof(IoTimeout), IoTimeout), (nameof(ScanTimeout), ScanTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"ClamAv:{name} must be positive.");
            }
        }

        if (ChunkSize is < 1 or > MaxChunkSize)
        {
            throw new InvalidOperationException($"ClamAv:ChunkSize must be between 1 and {MaxChunkSize} bytes.");
        }
    }

    private static TimeSpan? ReadTimeSpan(IConfigurationSection section, string key) =>
        section[key] is { } value ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : null;
}
