using DigitalDelivery.Core.Blobs;
using DigitalDelivery.LocalServers;

namespace DigitalDelivery.Tests.Blobs;

public sealed class BlobConnectionSettingsTests
{
    private const string Key = AzuriteServer.AccountKey;
    private const string OtherKey = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwYWJjZGVm";

    [Theory]
    // connection string | endpoint | account | key present (SharedKey) or not (TokenCredential)
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
        "http://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1", true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + OtherKey + ";EndpointSuffix=core.windows.net",
        "https://acct.blob.core.windows.net/", "acct", true)]
    [InlineData("AccountName=acct;AccountKey=" + OtherKey, "https://acct.blob.core.windows.net/", "acct", true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=" + OtherKey, "http://acct.blob.core.windows.net/", "acct", true)]
    [InlineData("accountname=acct;ACCOUNTKEY=" + OtherKey + ";EndpointSuffix=core.chinacloudapi.cn;QueueEndpoint=https://acct.queue.core.chinacloudapi.cn/",
        "https://acct.blob.core.chinacloudapi.cn/", "acct", true)]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1", true)]
    [InlineData("https://acct.blob.core.windows.net/", "https://acct.blob.core.windows.net/", "acct", false)]
    [InlineData("  https://acct.blob.core.windows.net  ", "https://acct.blob.core.windows.net/", "acct", false)]
    [InlineData("BlobEndpoint=https://acct.blob.core.windows.net/;", "https://acct.blob.core.windows.net/", "acct", false)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1", "http://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1", false)]
    public void Every_connection_string_form_parses_to_the_right_settings(string connectionString, string endpoint, string account, bool sharedKey)
    {
        var settings = BlobConnectionSettings.Parse(connectionString);

        Assert.Equal(new Uri(endpoint), settings.BlobEndpoint);
        Assert.Equal(account, settings.AccountName);
        Assert.Equal(sharedKey ? BlobAuthenticationMode.SharedKey : BlobAuthenticationMode.TokenCredential, settings.Authentication);
        Assert.Equal(sharedKey, settings.AccountKey is not null);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("justgarbage", "Name=Value")]
    [InlineData("AccountName=acct", "needs AccountKey")]
    [InlineData("AccountKey=" + OtherKey, "AccountKey needs AccountName")]
    [InlineData("AccountName=acct;AccountKey=not*base64*" + OtherKey, "AccountKey is not valid base64")]
    [InlineData("AccountName=acct;AccountKey=" + OtherKey + ";Bogus=1", "unknown setting 'Bogus'")]
    [InlineData("AccountName=acct;SharedAccessSignature=sv=2020-02-10&sig=abc", "SharedAccessSignature connection strings are not supported")]
    [InlineData("AccountName=acct;AccountKey=" + OtherKey + ";BlobEndpoint=not-a-uri", "BlobEndpoint is not an absolute http(s) URI")]
    [InlineData("AccountName=acct;AccountKey=" + OtherKey + ";BlobEndpoint=ftp://host/", "BlobEndpoint is not an absolute http(s) URI")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=acct;AccountKey=" + OtherKey, "DefaultEndpointsProtocol must be http or https")]
    [InlineData("https://acct.blob.core.windows.net/?sv=2023-11-03&sig=abc", "SAS URIs are not supported")]
    [InlineData("https://", "not an absolute http(s) URI")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage must be true")]
    public void Bad_connection_strings_are_refused_with_a_clear_message_that_never_shows_the_key(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => BlobConnectionSettings.Parse(connectionString));

        Assert.StartsWith("Invalid Blob storage connection string", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_shows_endpoint_account_and_mode_but_never_the_key()
    {
        var settings = BlobConnectionSettings.Parse($"AccountName=acct;AccountKey={OtherKey}");

        var text = settings.ToString();

        Assert.Equal("BlobEndpoint=https://acct.blob.core.windows.net/;AccountName=acct;Authentication=SharedKey", text);
        Assert.DoesNotContain(OtherKey, text, StringComparison.Ordinal);
    }
}
