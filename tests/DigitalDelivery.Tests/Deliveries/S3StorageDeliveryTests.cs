using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DigitalDelivery.Core.Deliveries.Handlers;
using DigitalDelivery.Core.Deliveries.Handlers.Network;
using DigitalDelivery.Core.Deliveries.Handlers.Storage;
using DigitalDelivery.LocalServers;
using Microsoft.Extensions.Options;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using static DigitalDelivery.Tests.Deliveries.DestinationsHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>S3 storage destinations end to end: the Api, DeliveryWorker and a real S3-compatible server (s3rver).</summary>
public sealed class S3StorageDeliveryTests(DeliveriesFixture fixture, S3rverFixture s3rver)
    : IClassFixture<DeliveriesFixture>, IClassFixture<S3rverFixture>
{
    private S3rverServer Server => s3rver.Server;

    [Fact]
    public async Task An_event_lands_in_the_bucket_as_one_object_with_exactly_the_payloads_bytes_under_its_templated_name()
    {
        var merchant = await MerchantAsync(fixture, "s3-delivered");
        var prefix = $"s3-{Guid.NewGuid():N}";
        var destination = await CreateAsync(merchant.Http, "storage", Config(prefix + "/{event_type}/{delivery_id}.json"), S3rverServer.SecretAccessKey);

        var delivery = await PublishAndWaitAsync(fixture, merchant, destination, "delivered");

        using var client = Client();
        var key = $"{prefix}/{Event}/{delivery.GetProperty("id").GetGuid()}.json";
        using var stored = await client.GetObjectAsync(S3rverServer.Bucket, key, Ct);
        using var content = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(content, Ct);
        Assert.Equal(await PayloadAsync(fixture, delivery), content.ToArray());
        Assert.Equal("application/json", stored.Headers.ContentType);
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverServer.Bucket, Prefix = prefix + "/" }, Ct);
        Assert.Equal([key], listed.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_deliverys_files_are_streamed_into_a_folder_beside_the_payload_which_lists_them_with_their_hashes()
    {
        var merchant = await MerchantAsync(fixture, "s3-files");
        var prefix = $"s3-files-{Guid.NewGuid():N}";
        var destination = await CreateAsync(merchant.Http, "storage", Config(prefix + "/{delivery_id}.json"), S3rverServer.SecretAccessKey);
        // Past one read-ahead block of the catalog's stream, so the copy crosses a block boundary.
        var book = DeliveryFilesHttp.Pattern(DeliveryFileContent.BufferBytes + 12_345, seed: 1);
        var notes = "release notes"u8.ToArray();
        var bookId = await DeliveryFilesHttp.UploadCleanAsync(fixture, merchant.Http, book, "book.epub");
        var notesId = await DeliveryFilesHttp.UploadCleanAsync(fixture, merchant.Http, notes, "notes.txt");

        var delivery = await DeliveryFilesHttp.SubmitAndWaitAsync(merchant.Http, destination, "delivered", bookId, notesId);

        var id = delivery.GetProperty("id").GetGuid();
        using var client = Client();
        Assert.Equal(book, await ReadAsync(client, $"{prefix}/{id}/book.epub"));
        Assert.Equal(notes, await ReadAsync(client, $"{prefix}/{id}/notes.txt"));
        var payload = JsonDocument.Parse(await ReadAsync(client, $"{prefix}/{id}.json")).RootElement;
        var listed = payload.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["book.epub", "notes.txt"], listed.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(DeliveryFilesHttp.Sha256(book), listed[0].GetProperty("sha256").GetString());
        Assert.Equal(book.Length, listed[0].GetProperty("size_bytes").GetInt64());
    }

    [Fact]
    public async Task An_unknown_access_key_fails_the_delivery_permanently_after_one_attempt()
    {
        // s3rver checks the access key id but not Signature V4 itself, so the wrong credential is the id here.
        var merchant = await MerchantAsync(fixture, "s3-wrong-key");
        var destination = await CreateAsync(merchant.Http, "storage", Config(accessKeyId: "AKIANOTKNOWNHERE"), "not-the-secret-key", maxAttempts: 5);

        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");

        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        Assert.Equal("S3 403: InvalidAccessKeyId", failed.GetProperty("last_error").GetString());

        // s3rver's real secret equals its access key id, which is shown; this one is not.
        await AssertSecretNeverShownAsync(merchant.Http, destination, "not-the-secret-key");
    }

    [Fact]
    public async Task The_connection_test_writes_and_removes_a_probe_and_names_a_missing_bucket()
    {
        var merchant = await MerchantAsync(fixture, "s3-connection-test");
        var ok = await CreateAsync(merchant.Http, "storage", Config(), S3rverServer.SecretAccessKey);
        var missing = await CreateAsync(merchant.Http, "storage", Config(bucket: "no-such-bucket-here"), S3rverServer.SecretAccessKey);

        var passed = await TestConnectionAsync(merchant.Http, ok);
        var failed = await TestConnectionAsync(merchant.Http, missing);

        Assert.True(passed.GetProperty("succeeded").GetBoolean(), passed.ToString());
        using var client = Client();
        var probes = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverServer.Bucket, Prefix = ".digitaldelivery-test/" }, Ct);
        Assert.Empty(probes.S3Objects ?? []);
        Assert.False(failed.GetProperty("succeeded").GetBoolean());
        Assert.Equal(404, failed.GetProperty("response_status").GetInt32());
        Assert.Contains("NoSuchBucket", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_s3_endpoint_on_a_loopback_address_is_refused_for_good_where_the_deployment_forbids_private_networks()
    {
        using var writer = new S3ObjectWriter(new OutboundConnector(Options.Create(new OutboundNetworkOptions())));
        var key = $"guarded-{Guid.NewGuid():N}.json";
        var config = new StorageConfig(StorageConfig.S3, Bucket: S3rverServer.Bucket, AccessKeyId: S3rverServer.AccessKeyId,
            Endpoint: Server.Endpoint.ToString(), ForcePathStyle: true);

        var outcome = await writer.WriteAsync(config, S3rverServer.SecretAccessKey, key, "{}", Ct);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains("may not reach", outcome.Error, StringComparison.Ordinal);
        using var client = Client();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverServer.Bucket, Prefix = key }, Ct);
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Theory]
    [InlineData("config.bucket", """{"provider":"s3","bucket":"Bad_Bucket","region":"eu-central-1","access_key_id":"AKIAEXAMPLE"}""")]
    [InlineData("config.bucket", """{"provider":"s3","bucket":"192.168.1.10","region":"eu-central-1","access_key_id":"AKIAEXAMPLE"}""")]
    [InlineData("config.bucket", """{"provider":"s3","region":"eu-central-1","access_key_id":"AKIAEXAMPLE"}""")]
    [InlineData("config.region", """{"provider":"s3","bucket":"exports","access_key_id":"AKIAEXAMPLE"}""")]
    [InlineData("config.region", """{"provider":"s3","bucket":"exports","region":"Frankfurt","access_key_id":"AKIAEXAMPLE"}""")]
    [InlineData("config.access_key_id", """{"provider":"s3","bucket":"exports","region":"eu-central-1"}""")]
    [InlineData("config.endpoint", """{"provider":"s3","bucket":"exports","access_key_id":"AKIAEXAMPLE","endpoint":"ftp://s3.example.com"}""")]
    [InlineData("config.endpoint", """{"provider":"s3","bucket":"exports","access_key_id":"AKIAEXAMPLE","endpoint":"https://key:secret@s3.example.com"}""")]
    [InlineData("config.container", """{"provider":"s3","bucket":"exports","region":"eu-central-1","access_key_id":"AKIAEXAMPLE","container":"exports"}""")]
    [InlineData("config.account_name", """{"provider":"s3","bucket":"exports","region":"eu-central-1","access_key_id":"AKIAEXAMPLE","account_name":"acct"}""")]
    [InlineData("config.bucket", """{"provider":"azure_blob","account_url":"https://acct.blob.core.windows.net","account_name":"acct","container":"exports","bucket":"exports"}""")]
    [InlineData("config.force_path_style", """{"provider":"azure_blob","account_url":"https://acct.blob.core.windows.net","account_name":"acct","container":"exports","force_path_style":true}""")]
    [InlineData("config.provider", """{"provider":"gcs","bucket":"exports"}""")]
    [InlineData("config.path_template", """{"provider":"s3","bucket":"exports","region":"eu-central-1","access_key_id":"AKIAEXAMPLE","path_template":"/{delivery_id}"}""")]
    public async Task An_invalid_storage_destination_is_a_validation_problem_naming_the_field(string field, string config)
    {
        var (http, _) = await MerchantAsync(fixture, "s3-invalid");
        var body = JsonSerializer.Serialize(new { name = "x", type = "storage", config = JsonDocument.Parse(config).RootElement, events = new[] { Event }, secret = "c2VjcmV0" });

        var problem = await PostInvalidAsync(http, body);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private object Config(string? pathTemplate = null, string bucket = S3rverServer.Bucket, string accessKeyId = S3rverServer.AccessKeyId) => new
    {
        provider = "s3", bucket, access_key_id = accessKeyId, endpoint = Server.Endpoint.ToString(), force_path_style = true,
        path_template = pathTemplate,
    };

    private static async Task<byte[]> ReadAsync(AmazonS3Client client, string key)
    {
        using var stored = await client.GetObjectAsync(S3rverServer.Bucket, key, Ct);
        using var content = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(content, Ct);
        return content.ToArray();
    }

    private AmazonS3Client Client() => new(new BasicAWSCredentials(S3rverServer.AccessKeyId, S3rverServer.SecretAccessKey), new AmazonS3Config
    {
        ServiceURL = Server.Endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });
}
