using Azure.Storage;
using Azure.Storage.Blobs;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.LocalServers;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using static DigitalDelivery.Tests.Deliveries.DestinationsHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>Azure Blob storage destinations end to end: the Api, DeliveryWorker and the Azurite the tests already run.</summary>
public sealed class AzureBlobStorageDeliveryTests(DeliveriesFixture fixture) : IClassFixture<DeliveriesFixture>
{
    private AzuriteServer Azurite => fixture.Infrastructure.Azurite;

    [Fact]
    public async Task An_event_lands_in_the_container_as_one_blob_with_exactly_the_payloads_bytes_under_its_templated_name()
    {
        var merchant = await MerchantAsync(fixture, "blob-delivered");
        var container = await ContainerAsync();
        var destination = await CreateAsync(merchant.Http, "storage", Config(container.Name, "{event_type}/{delivery_id}.json"), AzuriteServer.AccountKey);

        var delivery = await PublishAndWaitAsync(fixture, merchant, destination, "delivered");

        var name = $"{Event}/{delivery.GetProperty("id").GetGuid()}.json";
        var blob = await container.GetBlobClient(name).DownloadContentAsync(Ct);
        Assert.Equal(await PayloadAsync(fixture, delivery), blob.Value.Content.ToArray());
        Assert.Equal("application/json", blob.Value.Details.ContentType);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: Ct))
        {
            names.Add(item.Name);
        }

        Assert.Equal([name], names);
        await AssertSecretNeverShownAsync(merchant.Http, destination, AzuriteServer.AccountKey);
    }

    [Fact]
    public async Task A_file_larger_than_one_upload_block_is_streamed_whole_beside_the_payload()
    {
        var merchant = await MerchantAsync(fixture, "blob-files");
        var container = await ContainerAsync();
        var destination = await CreateAsync(merchant.Http, "storage", Config(container.Name, "exports/{delivery_id}.json"), AzuriteServer.AccountKey);
        // Past the 8 MiB block, so the copy is staged in blocks and committed, not sent in one request.
        var video = DeliveryFilesHttp.Pattern((int)CatalogFileStorage.TransferOptions.MaximumTransferSize!.Value + 4_321, seed: 2);
        var file = await DeliveryFilesHttp.UploadCleanAsync(fixture, merchant.Http, video, "course.mp4");

        var delivery = await DeliveryFilesHttp.SubmitAndWaitAsync(merchant.Http, destination, "delivered", file);

        var id = delivery.GetProperty("id").GetGuid();
        var stored = await container.GetBlobClient($"exports/{id}/course.mp4").DownloadContentAsync(Ct);
        Assert.Equal(DeliveryFilesHttp.Sha256(video), DeliveryFilesHttp.Sha256(stored.Value.Content.ToArray()));
        Assert.Equal(await fixture.ScalarAsync<string>("SELECT content_type FROM catalog_files WHERE id = @id", ("id", file)), stored.Value.Details.ContentType);
        Assert.True((await container.GetBlobClient($"exports/{id}.json").ExistsAsync(Ct)).Value);
    }

    [Fact]
    public async Task A_wrong_account_key_fails_the_delivery_permanently_after_one_attempt()
    {
        var merchant = await MerchantAsync(fixture, "blob-wrong-key");
        var container = await ContainerAsync();
        var wrongKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        var destination = await CreateAsync(merchant.Http, "storage", Config(container.Name), wrongKey, maxAttempts: 5);

        var failed = await PublishAndWaitAsync(fixture, merchant, destination, "failed");

        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        Assert.StartsWith("Blob storage 403", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_test_writes_and_removes_a_probe_and_names_a_missing_container()
    {
        var merchant = await MerchantAsync(fixture, "blob-connection-test");
        var container = await ContainerAsync();
        var ok = await CreateAsync(merchant.Http, "storage", Config(container.Name), AzuriteServer.AccountKey);
        var missing = await CreateAsync(merchant.Http, "storage", Config($"missing-{Guid.NewGuid():N}"), AzuriteServer.AccountKey);

        var passed = await TestConnectionAsync(merchant.Http, ok);
        var failed = await TestConnectionAsync(merchant.Http, missing);

        Assert.True(passed.GetProperty("succeeded").GetBoolean(), passed.ToString());
        await foreach (var item in container.GetBlobsAsync(cancellationToken: Ct))
        {
            Assert.Fail($"the probe {item.Name} was left behind");
        }

        Assert.False(failed.GetProperty("succeeded").GetBoolean());
        Assert.Equal(404, failed.GetProperty("response_status").GetInt32());
        Assert.Contains("ContainerNotFound", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private object Config(string container, string? pathTemplate = null) => new
    {
        provider = "azure_blob", account_url = Azurite.BlobEndpoint.ToString(), account_name = AzuriteServer.AccountName, container, path_template = pathTemplate,
    };

    private async Task<BlobContainerClient> ContainerAsync()
    {
        var container = new BlobContainerClient(new Uri(Azurite.BlobEndpoint, $"{AzuriteServer.AccountName}/deliveries-{Guid.NewGuid():N}"),
            new StorageSharedKeyCredential(AzuriteServer.AccountName, AzuriteServer.AccountKey));
        await container.CreateAsync(cancellationToken: Ct);
        return container;
    }
}
