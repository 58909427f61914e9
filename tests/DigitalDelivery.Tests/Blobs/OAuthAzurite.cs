using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Blobs;

/// <summary>
/// An Azurite of its own in OAuth mode (HTTPS, bearer tokens), and Blob clients that reach it the way the Api does
/// in Azure: a service URI and a TokenCredential. The tokens are unsigned JWTs, which is all Azurite's basic check
/// reads; the client trusts exactly this server's certificate.
/// </summary>
public sealed class OAuthAzurite : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>Get User Delegation Key requests sent by clients of <see cref="CreateClient"/>.</summary>
    public int DelegationKeyRequests => _delegationKeyRequests.Count;

    private readonly RequestCounter _delegationKeyRequests = new("comp=userdelegationkey");

    public async ValueTask InitializeAsync()
    {
        _server = await AzuriteServer.StartAsync(oauth: true);
    }

    public HttpClient CreateHttpClient() => new(TrustingHandler());

    public BlobServiceClient CreateClient(Uri? endpoint = null, int maxRetries = 3)
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(TrustingHandler()) };
        options.Retry.MaxRetries = maxRetries;
        options.AddPolicy(_delegationKeyRequests, HttpPipelinePosition.PerCall);
        return new BlobServiceClient(endpoint ?? Server.BlobEndpoint, new UnsignedJwtCredential(), options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private SocketsHttpHandler TrustingHandler()
    {
        var thumbprint = Server.Certificate!.GetCertHashString();
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        };
    }

    private sealed class RequestCounter(string queryPart) : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Query.Contains(queryPart, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    private sealed class UnsignedJwtCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var now = DateTimeOffset.UtcNow;
            var claims = new Dictionary<string, object>
            {
                ["aud"] = "https://storage.azure.com",
                ["iss"] = "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/",
                ["tid"] = "ab1f708d-50f6-404c-a006-d71b2ac7a606",
                ["oid"] = "1c2f1a7e-9d0b-4e55-8d0f-5a2c1b3e4f60",
                ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            };
            var token = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(JsonSerializer.Serialize(claims))}.c2ln";
            return new AccessToken(token, now.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
