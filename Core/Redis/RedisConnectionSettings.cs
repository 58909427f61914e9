using System.Globalization;
using System.Text;

namespace DigitalDelivery.Core.Redis;

/// <summary>
/// The StackExchange.Redis-style connection string the Aspire AppHost injects for a Redis resource:
/// <c>host:port[,host2:port2...],password=...[,user=...][,ssl=true][,abortConnect=false][,defaultDatabase=N][,connectTimeout=ms]</c>.
/// Options that only tune StackExchange.Redis internals are accepted and ignored so a string written for it still
/// works; options that change meaning (sentinel, proxies) are refused rather than silently ignored.
/// </summary>
public sealed class RedisConnectionSettings
{
    private const int DefaultPort = 6379;
    private const int DefaultTlsPort = 6380;

    private static readonly HashSet<string> IgnoredOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "allowAdmin", "connectRetry", "resolveDns", "tiebreaker", "version", "configCheckSeconds",
        "checkCertificateRevocation", "setlib", "protocol", "sslProtocols", "highIntegrity", "responseTimeout",
    };

    public IReadOnlyList<RedisEndpoint> Endpoints { get; init; } = [];

    /// <summary>ACL user name (Redis 6+); null means the default user.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    public bool Ssl { get; init; }

    /// <summary>Host name to validate the server certificate against; defaults to the endpoint's host.</summary>
    public string? SslHost { get; init; }

    /// <summary>
    /// Accepted for compatibility. This client always connects lazily and reconnects on demand (StackExchange's
    /// <c>abortConnect=false</c> behaviour); a failed connection surfaces on the command that needed it.
    /// </summary>
    public bool AbortConnect { get; init; } = true;

    public int DefaultDatabase { get; init; }

    /// <summary>Time allowed per endpoint to open the socket, finish TLS and authenticate.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a caller waits at most for a connection and a reply (<c>asyncTimeout</c>, else <c>syncTimeout</c>).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of the keep-alive PING on an idle connection (<c>keepAlive</c>, seconds); zero disables it.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sent as CLIENT SETNAME so the connection is recognisable in CLIENT LIST.</summary>
    public string? ClientName { get; init; }

    /// <exception cref="FormatException">The string is empty, names no endpoint, or has a bad or unknown option.</exception>
    public static RedisConnectionSettings Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var endpoints = new List<(string Host, int? Port)>();
        string? user = null, password = null, sslHost = null, clientName = null;
        bool ssl = false, abortConnect = true;
        int database = 0;
        int? connectTimeout = null, syncTimeout = null, asyncTimeout = null, keepAlive = null;

        foreach (var rawToken in connectionString.Split(','))
        {
            var token = rawToken.Trim();
            if (token.Length == 0)
            {
                continue;
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                endpoints.Add(ParseEndpoint(token));
                continue;
            }

            var key = token[..equals].Trim();
            var value = token[(equals + 1)..].Trim();
            switch (key.ToUpperInvariant())
            {
                case "PASSWORD":
                    password = value;
                    break;
                case "USER":
                    user = value.Length == 0 ? null : value;
                    break;
                case "SSL":
                    ssl = ParseBoolean(key, value);
                    break;
                case "SSLHOST":
                    sslHost = value.Length == 0 ? null : value;
                    break;
                case "ABORTCONNECT":
                    abortConnect = ParseBoolean(key, value);
                    break;
                case "DEFAULTDATABASE":
                    database = ParseInteger(key, value, 0, int.MaxValue);
                    break;
                case "CONNECTTIMEOUT":
                    connectTimeout = ParseInteger(key, value, 1, int.MaxValue);
                    break;
                case "SYNCTIMEOUT":
                    syncTimeout = ParseInteger(key, value, 1, int.MaxValue);
                    break;
                case "ASYNCTIMEOUT":
                    asyncTimeout = ParseInteger(key, value, 1, int.MaxValue);
                    break;
                case "KEEPALIVE":
                    keepAlive = ParseInteger(key, value, -1, int.MaxValue);
                    break;
                case "NAME":
                    clientName = value.Length == 0 ? null : value;
                    break;
                case "SERVICENAME":
                    throw Invalid("Redis Sentinel (serviceName) is not supported by this client");
                case "PROXY" when !value.Equals("None", StringComparison.OrdinalIgnoreCase):
                    throw Invalid($"proxy={value} is not supported by this client");
                case "PROXY":
                    break;
                default:
                    if (!IgnoredOptions.Contains(key))
                    {
                        throw Invalid($"unknown option '{key}'");
                    }

                    break;
            }
        }

        if (endpoints.Count == 0)
        {
            throw Invalid("it names no host (expected host:port)");
        }

        var port = ssl ? DefaultTlsPort : DefaultPort;
        return new RedisConnectionSettings
        {
            Endpoints = endpoints.Select(e => new RedisEndpoint(e.Host, e.Port ?? port)).Distinct().ToArray(),
            User = user,
            Password = string.IsNullOrEmpty(password) ? null : password,
            Ssl = ssl,
            SslHost = sslHost,
            AbortConnect = abortConnect,
            DefaultDatabase = database,
            ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeout ?? 5000),
            CommandTimeout = TimeSpan.FromMilliseconds(asyncTimeout ?? syncTimeout ?? 5000),
            KeepAlive = keepAlive is null ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(Math.Max(0, keepAlive.Value)),
            ClientName = clientName,
        };
    }

    /// <summary>The settings in connection-string form with the password masked; safe to log.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(string.Join(",", Endpoints));
        if (User is not null)
        {
            text.Append(",user=").Append(User);
        }

        if (Password is not null)
        {
            text.Append(",password=***");
        }

        if (Ssl)
        {
            text.Append(",ssl=true");
        }

        if (SslHost is not null)
        {
            text.Append(",sslHost=").Append(SslHost);
        }

        if (DefaultDatabase != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $",defaultDatabase={DefaultDatabase}");
        }

        text.Append(CultureInfo.InvariantCulture, $",connectTimeout={ConnectTimeout.TotalMilliseconds}");
        text.Append(CultureInfo.InvariantCulture, $",asyncTimeout={CommandTimeout.TotalMilliseconds}");
        return text.ToString();
    }

    private static (string Host, int? Port) ParseEndpoint(string token)
    {
        string host;
        string? port = null;
        if (token.StartsWith('['))
        {
            var close = token.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Invalid($"endpoint '{token}' has an unclosed IPv6 bracket");
            }

            host = token[1..close];
            var rest = token[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw Invalid($"endpoint '{token}' is not [address]:port");
            }
        }
        else if (token.Count(c => c == ':') > 1)
        {
            host = token; // A bare IPv6 address; it can only carry a port inside brackets.
        }
        else
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? token : token[..colon];
            port = colon < 0 ? null : token[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            throw Invalid($"endpoint '{token}' has no valid host");
        }

        if (port is null)
        {
            return (host, null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw Invalid($"endpoint '{token}' has an invalid port (expected 1-65535)");
    }

    private static bool ParseBoolean(string key, string value) =>
        bool.TryParse(value, out var result) ? result : throw Invalid($"{key} must be true or false");

    private static int ParseInteger(string key, string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result) && result >= minimum && result <= maximum
            ? result
            : throw Invalid($"{key} must be a whole number from {minimum} to {maximum}");

    // The message never quotes the whole string: it may carry the password.
    private static FormatException Invalid(string problem) => new($"Invalid Redis connection string: {problem}.");
}
