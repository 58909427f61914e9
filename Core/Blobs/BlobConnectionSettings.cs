namespace DigitalDelivery.Core.Blobs;

/// <summary>
/// Both forms the Aspire AppHost injects for blobs: an account connection string
/// (<c>DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=...;BlobEndpoint=http://127.0.0.1:N/devstoreaccount1;</c>,
/// with the endpoint derived from AccountName and EndpointSuffix when BlobEndpoint is absent), or a bare service URI
/// (<c>https://acct.blob.core.windows.net/</c>) meaning Microsoft Entra ID through DefaultAzureCredential.
/// </summary>
public sealed class BlobConnectionSettings
{
    /// <summary>Azurite's documented development account; the key is public and well known.</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly HashSet<string> IgnoredKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "QueueEndpoint", "TableEndpoint", "FileEndpoint", "BlobSecondaryEndpoint", "QueueSecondaryEndpoint",
        "TableSecondaryEndpoint", "FileSecondaryEndpoint",
    };

    private BlobConnectionSettings(Uri blobEndpoint, string? accountName, string? accountKey)
    {
        BlobEndpoint = blobEndpoint;
        AccountName = accountName;
        AccountKey = accountKey;
    }

    /// <summary>The service endpoint, e.g. <c>https://acct.blob.core.windows.net/</c> or <c>http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The storage account; null for a service URI whose account cannot be told from its address.</summary>
    public string? AccountName { get; }

    /// <summary>The base64 account key; null when tokens are used. Never shown by <see cref="ToString"/>.</summary>
    public string? AccountKey { get; }

    public BlobAuthenticationMode Authentication =>
        AccountKey is null ? BlobAuthenticationMode.TokenCredential : BlobAuthenticationMode.SharedKey;

    /// <exception cref="FormatException">The string is empty, malformed, or lacks what the chosen form needs.</exception>
    public static BlobConnectionSettings Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var text = connectionString.Trim();
        if (text.Length == 0)
        {
            throw Invalid("it is empty");
        }

        return text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? FromServiceUri(text)
            : FromAccountConnectionString(text);
    }

    /// <summary>Endpoint, account and authentication mode; never the key.</summary>
    public override string ToString() =>
        $"BlobEndpoint={BlobEndpoint};AccountName={AccountName};Authentication={Authentication}";

    private static BlobConnectionSettings FromServiceUri(string text)
    {
        var endpoint = ParseEndpoint(text, "the service URI");
        return new BlobConnectionSettings(endpoint, AccountFromEndpoint(endpoint), accountKey: null);
    }

    private static BlobConnectionSettings FromAccountConnectionString(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawPart in text.Split(';'))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid("every part must be Name=Value separated by ';'");
            }

            var key = part[..equals].Trim();
            values[key] = part[(equals + 1)..].Trim();
        }

        if (values.TryGetValue("UseDevelopmentStorage", out var development))
        {
            return bool.TryParse(development, out var useDevelopment) && useDevelopment
                ? new BlobConnectionSettings(new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"), DevelopmentAccountName, DevelopmentAccountKey)
                : throw Invalid("UseDevelopmentStorage must be true when present");
        }

        foreach (var key in values.Keys)
        {
            if (key.Equals("SharedAccessSignature", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("SharedAccessSignature connection strings are not supported; use AccountKey or a service URI with Entra ID");
            }

            if (!IgnoredKeys.Contains(key) && key.ToUpperInvariant() is not
                    ("DEFAULTENDPOINTSPROTOCOL" or "ACCOUNTNAME" or "ACCOUNTKEY" or "BLOBENDPOINT" or "ENDPOINTSUFFIX"))
            {
                throw Invalid($"unknown setting '{key}'");
            }
        }

        var accountName = values.GetValueOrDefault("AccountName") is { Length: > 0 } name ? name : null;
        var accountKey = values.GetValueOrDefault("AccountKey") is { Length: > 0 } key64 ? key64 : null;
        if (accountKey is not null && !Convert.TryFromBase64String(accountKey, new byte[accountKey.Length], out _))
        {
            throw Invalid("AccountKey is not valid base64");
        }

        if (accountKey is not null && accountName is null)
        {
            throw Invalid("AccountKey needs AccountName");
        }

        var endpoint = values.GetValueOrDefault("BlobEndpoint") is { Length: > 0 } explicitEndpoint
            ? ParseEndpoint(explicitEndpoint, "BlobEndpoint")
            : DeriveEndpoint(accountName, values);
        if (accountKey is null && !values.ContainsKey("BlobEndpoint"))
        {
            throw Invalid("it needs AccountKey, or BlobEndpoint (or a bare service URI) for Entra ID authentication");
        }

        return new BlobConnectionSettings(endpoint, accountName ?? AccountFromEndpoint(endpoint), accountKey);
    }

    private static Uri DeriveEndpoint(string? accountName, Dictionary<string, string> values)
    {
        if (accountName is null)
        {
            throw Invalid("it needs BlobEndpoint or AccountName");
        }

        var protocol = values.GetValueOrDefault("DefaultEndpointsProtocol") is { Length: > 0 } given ? given.ToUpperInvariant() : "HTTPS";
        if (protocol is not ("HTTP" or "HTTPS"))
        {
            throw Invalid("DefaultEndpointsProtocol must be http or https");
        }

        var suffix = values.GetValueOrDefault("EndpointSuffix") is { Length: > 0 } s ? s.Trim('.') : "core.windows.net";
        return ParseEndpoint($"{protocol.ToLowerInvariant()}://{accountName}.blob.{suffix}/", "the derived endpoint");
    }

    private static Uri ParseEndpoint(string text, string what)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw Invalid($"{what} is not an absolute http(s) URI");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid($"{what} must not carry a query (SAS URIs are not supported)");
        }

        return uri;
    }

    // https://acct.blob.core.windows.net -> acct; http://127.0.0.1:10000/devstoreaccount1 (path style) -> devstoreaccount1.
    private static string? AccountFromEndpoint(Uri endpoint)
    {
        var firstSegment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
        if (firstSegment.Length > 0)
        {
            return firstSegment;
        }

        var dot = endpoint.Host.IndexOf('.', StringComparison.Ordinal);
        return endpoint.HostNameType == UriHostNameType.Dns && dot > 0 ? endpoint.Host[..dot] : null;
    }

    // Never quotes the string itself: it may carry the account key.
    private static FormatException Invalid(string problem) => new($"Invalid Blob storage connection string: {problem}.");
}
