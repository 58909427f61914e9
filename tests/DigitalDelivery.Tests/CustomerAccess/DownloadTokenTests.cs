using DigitalDelivery.Core.Entitlements;

namespace DigitalDelivery.Tests.CustomerAccess;

public sealed class DownloadTokenTests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_that_is_not_a_token_is_refused_without_throwing(string candidate)
    {
        Assert.False(DownloadToken.TryHash(candidate, out var hash));
        Assert.Empty(hash);
    }

    [Fact]
    public void A_created_token_hashes_to_its_stored_hash()
    {
        var (token, stored) = DownloadToken.Create();

        Assert.Equal(DownloadToken.Length, token.Length);
        Assert.True(DownloadToken.TryHash(token, out var hash));
        Assert.True(DownloadToken.HashesEqual(hash, stored));
    }
}
