using System.Net;
using System.Security.Cryptography;
using DigitalDelivery.Core.Security.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Identity;

public sealed class DataProtectionTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    [Fact]
    public async Task The_key_ring_lives_in_postgres_and_a_secret_protected_by_one_instance_is_readable_by_another()
    {
        var protectedSecret = fixture.Factory.Services.GetRequiredService<SecretProtector>().Protect("webhook-signing", "whsec_test");
        await using var other = new ApiFactory(fixture.ConnectionString, fixture.Infrastructure.Redis.ConnectionString);

        var secrets = other.Services.GetRequiredService<SecretProtector>();

        Assert.Equal("whsec_test", secrets.Unprotect("webhook-signing", protectedSecret));
        Assert.Throws<CryptographicException>(() => secrets.Unprotect("smtp-password", protectedSecret));
        Assert.True(await fixture.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE xml LIKE '<key %'") >= 1);
    }

    [Fact]
    public async Task Signing_keys_are_stored_with_their_private_part_encrypted()
    {
        using var http = fixture.Factory.CreateClient();
        using var jwks = await http.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);

        var stored = await fixture.ScalarAsync<byte[]>("SELECT protected_private_key FROM signing_keys LIMIT 1");

        Assert.NotNull(stored);
        using var ecdsa = ECDsa.Create();
        Assert.ThrowsAny<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(stored, out _));
    }
}
