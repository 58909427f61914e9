using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using DigitalDelivery.Core.Security.DataProtection;
using Microsoft.AspNetCore.DataProtection;
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
    public async Task A_key_stored_as_the_earlier_key_repository_stored_it_still_unprotects_its_secrets()
    {
        // The earlier hand-written repository wrote each key's XML unformatted with the key's file-style friendly
        // name; existing rings (and the cookies they protect) must stay readable through the EF Core store.
        var directory = Directory.CreateTempSubdirectory("dd-keys-");
        try
        {
            var services = new ServiceCollection();
            services.AddDataProtection().SetApplicationName(DataProtectionExtensions.ApplicationName).PersistKeysToFileSystem(directory);
            string protectedSecret;
            await using (var provider = services.BuildServiceProvider())
            {
                protectedSecret = new SecretProtector(provider.GetRequiredService<IDataProtectionProvider>())
                    .Protect("webhook-signing", "whsec_before");
            }

            var keyFile = Assert.Single(directory.GetFiles("key-*.xml"));
            await fixture.ScalarAsync<int>(
                "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) RETURNING id",
                ("name", Path.GetFileNameWithoutExtension(keyFile.Name)),
                ("xml", XElement.Load(keyFile.FullName).ToString(SaveOptions.DisableFormatting)));
            await using var other = new ApiFactory(fixture.ConnectionString, fixture.Infrastructure.Redis.ConnectionString);

            var secrets = other.Services.GetRequiredService<SecretProtector>();

            Assert.Equal("whsec_before", secrets.Unprotect("webhook-signing", protectedSecret));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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
