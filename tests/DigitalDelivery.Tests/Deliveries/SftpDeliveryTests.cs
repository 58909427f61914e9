using System.Net;
using System.Text.Json;
using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Handlers.Network;
using DigitalDelivery.Core.Deliveries.Handlers.Sftp;
using DigitalDelivery.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using static DigitalDelivery.Tests.Deliveries.DestinationsHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>SFTP destinations end to end: the Api, DeliveryWorker and a real OpenSSH server of the tests' own.</summary>
public sealed class SftpDeliveryTests(DeliveriesFixture fixture, SftpServerFixture sftp)
    : IClassFixture<DeliveriesFixture>, IClassFixture<SftpServerFixture>
{
    private const string Template = "{event_type}/{delivery_id}.json";

    private SftpServer Server => sftp.Server;

    [Fact]
    public async Task A_password_destination_gets_the_exact_payload_under_its_templated_name_in_a_directory_it_creates_with_the_permissions_asked_for()
    {
        var merchant = await MerchantAsync(fixture, "sftp-password");
        var directory = $"{Server.Root}/password-{Guid.NewGuid():N}/incoming/orders";
        var destination = await CreateAsync(merchant.Http, "sftp", Config(directory, filePermissions: "0640"), Server.Password);

        var delivery = await PublishAndWaitAsync(fixture, merchant, destination, "delivered");

        var path = $"{directory}/{Event}/{delivery.GetProperty("id").GetGuid()}.json";
        Assert.Equal(await PayloadAsync(fixture, delivery), await File.ReadAllBytesAsync(path, Ct));
        Assert.Equal([path], Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }));
        using var client = Connect();
        var attributes = client.GetAttributes(path);
        Assert.True(attributes.OwnerCanRead && attributes.OwnerCanWrite && attributes.GroupCanRead, "rw-r----- expected");
        Assert.False(attributes.OwnerCanExecute || attributes.GroupCanWrite || attributes.GroupCanExecute || attributes.OthersCanRead || attributes.OthersCanWrite);
        await AssertSecretNeverShownAsync(merchant.Http, destination, Server.Password);
    }

    [Fact]
    public async Task A_key_destination_with_the_servers_pinned_host_key_is_delivered_and_its_key_is_never_shown()
    {
        var merchant = await MerchantAsync(fixture, "sftp-key");
        var directory = $"{Server.Root}/key-{Guid.NewGuid():N}";
        var destination = await CreateAsync(merchant.Http, "sftp", Config(directory, auth: "key", hostKey: Server.HostKeySha256), Server.PrivateKey);

        var delivery = await PublishAndWaitAsync(fixture, merchant, destination, "delivered");

        var path = $"{directory}/{Event}/{delivery.GetProperty("id").GetGuid()}.json";
        Assert.Equal(await PayloadAsync(fixture, delivery), await File.ReadAllBytesAsync(path, Ct));
        await AssertSecretNeverShownAsync(merchant.Http, destination, Server.PrivateKey);
    }

    [Fact]
    public async Task A_deliverys_files_are_uploaded_beside_the_payload_and_two_files_of_one_name_both_arrive()
    {
        var merchant = await MerchantAsync(fixture, "sftp-files");
        var directory = $"{Server.Root}/files-{Guid.NewGuid():N}";
        var destination = await CreateAsync(merchant.Http, "sftp", Config(directory), Server.Password);
        var first = DeliveryFilesHttp.Pattern(DeliveryFileContent.BufferBytes + 777, seed: 3);
        var second = "the second manual"u8.ToArray();
        var firstId = await DeliveryFilesHttp.UploadCleanAsync(fixture, merchant.Http, first, "manual.pdf");
        var secondId = await DeliveryFilesHttp.UploadCleanAsync(fixture, merchant.Http, second, "manual.pdf");

        var delivery = await DeliveryFilesHttp.SubmitAndWaitAsync(merchant.Http, destination, "delivered", firstId, secondId);

        var folder = $"{directory}/{Event}/{delivery.GetProperty("id").GetGuid()}";
        Assert.Equal(first, await File.ReadAllBytesAsync($"{folder}/manual.pdf", Ct));
        Assert.Equal(second, await File.ReadAllBytesAsync($"{folder}/manual (2).pdf", Ct));
        Assert.Equal(await PayloadAsync(fixture, delivery), await File.ReadAllBytesAsync($"{folder}.json", Ct));
        Assert.Equal(3, Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Count());
    }

    [Fact]
    public async Task A_wrong_password_fails_the_delivery_permanently_after_one_attempt()
    {
        var merchant = await MerchantAsync(fixture, "sftp-wrong-password");
        var destination = await CreateAsync(merchant.Http, "sftp", Config($"{Server.Root}/never-{Guid.NewGuid():N}"), "not-the-password", maxAttempts: 5);

        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");

        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        Assert.Contains("authentication failed", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_whose_host_key_does_not_match_the_pin_fails_the_delivery_without_retrying()
    {
        var merchant = await MerchantAsync(fixture, "sftp-host-key");
        var otherKey = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        var directory = $"{Server.Root}/pinned-{Guid.NewGuid():N}";
        var destination = await CreateAsync(merchant.Http, "sftp", Config(directory, hostKey: otherKey), Server.Password, maxAttempts: 5);

        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");

        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        Assert.StartsWith("host key mismatch", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), "nothing may be written to a server that is not the pinned one");
    }

    [Fact]
    public async Task A_directory_the_account_may_not_write_in_fails_the_delivery_permanently()
    {
        var merchant = await MerchantAsync(fixture, "sftp-denied");
        var readOnly = Server.CreateReadOnlyDirectory();
        var destination = await CreateAsync(merchant.Http, "sftp", Config(readOnly), Server.Password, maxAttempts: 5);

        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");

        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        Assert.StartsWith("permission denied", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(readOnly));
    }

    [Fact]
    public async Task A_manual_retry_after_the_folder_is_fixed_replaces_whatever_is_at_the_name_with_the_whole_payload()
    {
        var merchant = await MerchantAsync(fixture, "sftp-retry");
        var folder = Server.CreateReadOnlyDirectory();
        var destination = await CreateAsync(merchant.Http, "sftp", new
        {
            host = SftpServer.Host, port = Server.Port, username = SftpServer.UserName, auth = "password", directory = folder, path_template = "{delivery_id}.json",
        }, Server.Password);
        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");
        var id = failed.GetProperty("id").GetGuid();
        var path = $"{folder}/{id}.json";

        // What an attempt that wrote but was never recorded would leave, longer than the payload so leftovers show.
        await File.WriteAllTextAsync(path, new string('x', 10_000), Ct);
        await SftpServer.GiveToAccountAsync(folder);
        using var retried = await merchant.Http.PostAsync(new Uri($"/api/v1/deliveries/{id}/retry", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var delivered = await WaitForStatusAsync(merchant.Http, id, "delivered");

        Assert.Equal(2, delivered.GetProperty("attempt_count").GetInt32());
        Assert.Equal(await PayloadAsync(fixture, delivered), await File.ReadAllBytesAsync(path, Ct));
        Assert.Equal([path], Directory.EnumerateFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public async Task An_sftp_server_on_a_loopback_address_is_refused_for_good_where_the_deployment_forbids_private_networks()
    {
        var handler = new SftpHandler(new OutboundConnector(Options.Create(new OutboundNetworkOptions())),
            fixture.Factory.Services.GetRequiredService<DeliveryFileContent>(), TimeProvider.System);
        var config = new SftpConfig(SftpServer.Host, SftpServer.UserName, SftpConfig.Password, $"{Server.Root}/guarded", Server.Port);
        var target = new DestinationTarget(new Destination { Name = "guarded", Type = DestinationTypes.Sftp, Config = "{}" }, config, Server.Password, null);

        var outcome = await handler.DeliverAsync(target, new OutgoingDelivery(Guid.NewGuid(), Event, "{}", DateTimeOffset.UtcNow), Ct);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains("may not reach", outcome.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"{Server.Root}/guarded"));
    }

    [Fact]
    public async Task A_server_refusing_connections_is_retried_until_the_destinations_attempts_run_out()
    {
        var merchant = await MerchantAsync(fixture, "sftp-refused");
        var destination = await CreateAsync(merchant.Http, "sftp", new { host = "127.0.0.1", port = FreePort.Next(), username = SftpServer.UserName, auth = "password", directory = "/tmp" },
            Server.Password, maxAttempts: 2);

        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");

        Assert.Equal(2, failed.GetProperty("attempt_count").GetInt32());
        Assert.StartsWith("SFTP 127.0.0.1:", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_test_writes_and_removes_a_probe_and_names_a_bad_password()
    {
        var merchant = await MerchantAsync(fixture, "sftp-connection-test");
        var directory = $"{Server.Root}/test-{Guid.NewGuid():N}/drop";
        var ok = await CreateAsync(merchant.Http, "sftp", Config(directory, auth: "key", hostKey: Server.HostKeySha256), Server.PrivateKey);
        var bad = await CreateAsync(merchant.Http, "sftp", Config(directory), "not-the-password");

        var passed = await TestConnectionAsync(merchant.Http, ok);
        var failed = await TestConnectionAsync(merchant.Http, bad);

        Assert.True(passed.GetProperty("succeeded").GetBoolean(), passed.ToString());
        Assert.True(Directory.Exists(directory), "the test makes the directory deliveries will need");
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        Assert.False(failed.GetProperty("succeeded").GetBoolean());
        Assert.Contains("authentication failed", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config.host", """{"host":"https://sftp.example.com","username":"u","auth":"password","directory":"/in"}""", "pw")]
    [InlineData("config.port", """{"host":"sftp.example.com","port":70000,"username":"u","auth":"password","directory":"/in"}""", "pw")]
    [InlineData("config.username", """{"host":"sftp.example.com","username":"has space","auth":"password","directory":"/in"}""", "pw")]
    [InlineData("config.auth", """{"host":"sftp.example.com","username":"u","auth":"certificate","directory":"/in"}""", "pw")]
    [InlineData("config.directory", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"in/orders"}""", "pw")]
    [InlineData("config.directory", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"/in/../etc"}""", "pw")]
    [InlineData("config.file_permissions", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"/in","file_permissions":"0999"}""", "pw")]
    [InlineData("config.host_key_sha256", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"/in","host_key_sha256":"MD5:ab:cd"}""", "pw")]
    [InlineData("config.path_template", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"/in","path_template":"{event_type}.json"}""", "pw")]
    [InlineData("config", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"/in","passive":true}""", "pw")]
    [InlineData("secret", """{"host":"sftp.example.com","username":"u","auth":"key","directory":"/in"}""", "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END OPENSSH PRIVATE KEY-----")]
    [InlineData("secret", """{"host":"sftp.example.com","username":"u","auth":"password","directory":"/in"}""", null)]
    public async Task An_invalid_sftp_destination_is_a_validation_problem_naming_the_field(string field, string config, string? secret)
    {
        var (http, _) = await MerchantAsync(fixture, "sftp-invalid");
        var body = JsonSerializer.Serialize(new { name = "x", type = "sftp", config = JsonDocument.Parse(config).RootElement, events = new[] { Event }, secret });

        var problem = await PostInvalidAsync(http, body);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("bm90IGEga2V5", problem.ToString(), StringComparison.Ordinal);
    }

    private object Config(string directory, string auth = "password", string? filePermissions = null, string? hostKey = null) => new
    {
        host = SftpServer.Host, port = Server.Port, username = SftpServer.UserName, auth, directory, path_template = Template,
        file_permissions = filePermissions, host_key_sha256 = hostKey,
    };

    private SftpClient Connect()
    {
        var client = new SftpClient(SftpServer.Host, Server.Port, SftpServer.UserName, Server.Password);
        client.Connect();
        return client;
    }
}
