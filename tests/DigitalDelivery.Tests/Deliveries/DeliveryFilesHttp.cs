using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;

namespace DigitalDelivery.Tests.Deliveries;

/// <summary>
/// Deliveries that carry catalog files: a file uploaded through the Api and marked clean (scanning is the catalog
/// tests' subject), and a producer's request that sends it to one destination.
/// </summary>
internal static class DeliveryFilesHttp
{
    /// <summary>Content that no two offsets share, so a misplaced or repeated block changes it.</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<Guid> UploadCleanAsync(DeliveriesFixture fixture, HttpClient http, byte[] content, string name)
    {
        var id = await Catalog.CatalogHttp.UploadAsync(http, content, name);
        var updated = await fixture.ScalarAsync<Guid>("UPDATE catalog_files SET status = 'clean' WHERE id = @id RETURNING id", ("id", id));
        Assert.Equal(id, updated);
        return id;
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient http, Guid destination, params Guid[] files) =>
        http.PostAsJsonAsync("/api/v1/deliveries", new
        {
            destinations = new[] { destination },
            payload = new { type = DestinationsHttp.Event, data = new { order_id = $"o-{Guid.NewGuid():N}" }, files },
        }, Ct);

    /// <summary>Submits the files to the destination and waits for the delivery to reach <paramref name="status"/>.</summary>
    public static async Task<JsonElement> SubmitAndWaitAsync(HttpClient http, Guid destination, string status, params Guid[] files)
    {
        using var response = await SubmitAsync(http, destination, files);
        var submitted = await JsonAsync(response, HttpStatusCode.Accepted);
        var id = submitted.GetProperty("deliveries")[0].GetProperty("id").GetGuid();
        return await DestinationsHttp.WaitForStatusAsync(http, id, status);
    }
}
