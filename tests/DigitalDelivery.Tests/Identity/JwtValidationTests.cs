extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using api::DigitalDelivery.Api.Identity.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace DigitalDelivery.Tests.Identity;

public sealed class JwtValidationTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    private static readonly Uri Clients = new("/api/v1/clients", UriKind.Relative);

    [Fact]
    public async Task A_token_from_the_token_endpoint_is_accepted()
    {
        var tenant = await fixture.CreateTenantAsync("valid");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.GetAsync(Clients, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => ["expired", "forged with a known kid", "unknown kid", "wrong audience", "not a jwt"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Expired_forged_and_unknown_key_tokens_get_401_problem_details(string kind)
    {
        var tenant = await fixture.CreateTenantAsync("bad-token");
        var real = SigningKey();
        var now = DateTime.UtcNow;
        using var strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = kind switch
        {
            "expired" => Sign(real, tenant, now.AddMinutes(-30), now.AddMinutes(-20)),
            "forged with a known kid" => Sign(new ECDsaSecurityKey(strangerKey) { KeyId = real.KeyId }, tenant, now, now.AddMinutes(5)),
            "unknown kid" => Sign(new ECDsaSecurityKey(strangerKey) { KeyId = "no-such-key" }, tenant, now, now.AddMinutes(5)),
            "wrong audience" => Sign(real, tenant, now, now.AddMinutes(5), audience: "someone-else"),
            _ => "not.a.jwt",
        };
        using var http = fixture.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.GetAsync(Clients, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/unauthorized");
    }

    [Fact]
    public async Task A_token_signed_by_the_real_key_with_valid_claims_is_accepted_so_the_bad_cases_fail_for_their_reason()
    {
        var tenant = await fixture.CreateTenantAsync("control");
        using var http = fixture.Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Sign(SigningKey(), tenant, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)));

        using var response = await http.GetAsync(Clients, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_required_scope_gets_403_problem_details()
    {
        var tenant = await fixture.CreateTenantAsync("narrow", "catalog:read");
        using var http = await tenant.AuthorizedClientAsync(fixture.Factory);

        using var response = await http.GetAsync(Clients, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await ProblemAssert.IsProblemAsync(response, "https://digitaldelivery.dev/problems/forbidden");
    }

    [Fact]
    public async Task Jwks_publishes_the_signing_key_and_after_rotation_old_tokens_stay_valid_while_new_ones_use_the_new_key()
    {
        var tenant = await fixture.CreateTenantAsync("rotation");
        using var http = fixture.Factory.CreateClient();
        var oldToken = await tenant.GetTokenAsync(http);
        var oldKid = new JsonWebToken(oldToken).Kid;
        Assert.Contains(oldKid, await JwksKidsAsync(http));

        await fixture.Factory.Services.GetRequiredService<SigningKeyStore>().RotateNowAsync(Ct);

        var newToken = await tenant.GetTokenAsync(http);
        var newKid = new JsonWebToken(newToken).Kid;
        Assert.NotEqual(oldKid, newKid);
        var published = await JwksKidsAsync(http);
        Assert.Contains(oldKid, published);
        Assert.Contains(newKid, published);
        foreach (var token in new[] { oldToken, newToken })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Clients);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("ES256", new JsonWebToken(newToken).Alg);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_reuses_the_persisted_keys_and_accepts_the_first_ones_tokens()
    {
        var tenant = await fixture.CreateTenantAsync("instances");
        using var firstHttp = fixture.Factory.CreateClient();
        var token = await tenant.GetTokenAsync(firstHttp);
        var kid = new JsonWebToken(token).Kid;

        await using var second = new ApiFactory(fixture.ConnectionString, fixture.Infrastructure.Redis.ConnectionString);
        using var secondHttp = second.CreateClient();
        secondHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await secondHttp.GetAsync(Clients, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The second instance signs with the same key: it decrypted the stored private key with the shared key ring.
        var secondToken = await tenant.GetTokenAsync(secondHttp);
        Assert.Equal(kid, new JsonWebToken(secondToken).Kid);
    }

    /// <summary>The key OpenIddict signs with now.</summary>
    private SecurityKey SigningKey() =>
        fixture.Factory.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0].Key;

    private static string Sign(SecurityKey key, TestTenant tenant, DateTime notBefore, DateTime expires, string audience = "digitaldelivery-api") =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://digitaldelivery.dev",
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = tenant.ClientId,
                ["client_id"] = tenant.ClientId,
                ["actor_type"] = "client",
                ["org_id"] = tenant.OrganizationId.ToString(),
                ["scope"] = "admin",
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });

    private static async Task<List<string>> JwksKidsAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative), Ct));
        return json.RootElement.GetProperty("keys").EnumerateArray().Select(k =>
        {
            Assert.Equal("EC", k.GetProperty("kty").GetString());
            Assert.False(k.TryGetProperty("d", out _)); // never the private part
            return k.GetProperty("kid").GetString()!;
        }).ToList();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
