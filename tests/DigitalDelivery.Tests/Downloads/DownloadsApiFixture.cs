using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Tests.Blobs;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DigitalDelivery.Tests.Downloads;

/// <summary>
/// The Api on Kestrel (real sockets: parallel connections, aborted bodies) with a migrated database and a Blob
/// container of its own, in streamed mode. Catalog rows, orders, entitlements and links are seeded straight through
/// the DbContext as the owner; files are real blobs in Azurite.
/// </summary>
public class DownloadsApiFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public const long LargeSize = 300L * 1000 * 1000;

    private Task<SeededFile>? _large;

    public string Container { get; } = $"dl-{Guid.NewGuid():N}"[..24];

    protected virtual string Mode => "Stream";

    protected virtual int InvalidTokenPermitLimit => 1_000_000;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"ConnectionStrings:{ConnectionNames.Blobs}"] = Infrastructure.Azurite.ConnectionString,
        ["Catalog:Container"] = Container,
        ["Downloads:Mode"] = Mode,
        ["Downloads:RedirectLifetime"] = "00:00:02",
        ["Downloads:InvalidTokenPermitLimit"] = InvalidTokenPermitLimit.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:KeyPrefix"] = $"ratelimit-{Guid.NewGuid():N}:",
    };

    protected override bool UseKestrel => true;

    public BlobContainerClient Blobs => Factory.Services.GetRequiredService<CatalogFileStorage>().ContainerClient;

    /// <summary>A client of the Kestrel server; no redirects followed, so tests see the 302 itself.</summary>
    public HttpClient CreateClient(string userAgent = "downloads-tests/1.0")
    {
        var address = Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // A plain client on real sockets (the factory's Kestrel client follows redirects in its socket handler).
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return http;
    }

    /// <summary>The 300 MB pattern file, uploaded once per fixture on first use.</summary>
    public Task<SeededFile> LargeFileAsync(TestTenant tenant) => _large ??= SeedPatternFileAsync(tenant, LargeSize, "big-archive.zip");

    /// <summary>A Clean catalog file of <paramref name="size"/> pattern bytes with a product, asset and version serving it.</summary>
    public async Task<SeededFile> SeedPatternFileAsync(TestTenant tenant, long size, string fileName, string status = FileStatuses.Clean)
    {
        string sha256;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await using var pattern = new PatternStream(size);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await pattern.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        await Blobs.CreateIfNotExistsAsync();
        var blobName = $"{tenant.OrganizationId:N}/{Guid.NewGuid():N}";
        await using (var content = new PatternStream(size))
        {
            await Blobs.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions { TransferOptions = CatalogFileStorage.TransferOptions });
        }

        var now = DateTimeOffset.UtcNow;
        var file = new CatalogFile
        {
            Id = Guid.NewGuid(), OrganizationId = tenant.OrganizationId, BlobName = blobName, FileName = fileName,
            ContentType = "application/zip", SizeBytes = size, Sha256 = sha256, Status = status, UploadedAt = now,
        };
        var sku = $"SKU-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var product = new Product
        {
            Id = Guid.NewGuid(), OrganizationId = tenant.OrganizationId, Sku = sku, NormalizedSku = sku, Name = "Product " + fileName,
            Type = ProductTypes.Download, Currency = "EUR", PriceMinor = 1000, Status = ProductStatuses.Active, CreatedAt = now, UpdatedAt = now,
        };
        var asset = new DigitalAsset
        {
            Id = Guid.NewGuid(), OrganizationId = tenant.OrganizationId, ProductId = product.Id, Name = fileName, CurrentFileId = file.Id,
            CurrentVersion = 1, CreatedAt = now, UpdatedAt = now,
        };
        var version = new AssetVersion { Id = Guid.NewGuid(), OrganizationId = tenant.OrganizationId, AssetId = asset.Id, Number = 1, FileId = file.Id, CreatedAt = now };
        await using var db = TestDatabase.CreateContext(ConnectionString);
        db.AddRange(file, product, asset, version);
        await db.SaveChangesAsync();
        return new SeededFile(tenant, file.Id, product, asset.Id, blobName, size, sha256, fileName);
    }

    /// <summary>An order for the file's product, an entitlement to it and a file link; returns the link's token.</summary>
    public async Task<Grant> GrantAsync(SeededFile file, int? maxDownloads = null, DateTimeOffset? accessExpiresAt = null)
    {
        var now = DateTimeOffset.UtcNow;
        var order = new Order
        {
            Id = Guid.NewGuid(), OrganizationId = file.Tenant.OrganizationId, CustomerEmail = "buyer@example.test", CustomerName = "Buyer",
            Currency = "EUR", TotalMinor = 1000, CreatedAt = now, UpdatedAt = now,
        };
        var line = new OrderLine
        {
            Id = Guid.NewGuid(), OrganizationId = order.OrganizationId, OrderId = order.Id, ProductId = file.Product.Id, Sku = file.Product.Sku,
            ProductName = file.Product.Name, ProductType = file.Product.Type, Quantity = 1, UnitPriceMinor = 1000, LineTotalMinor = 1000,
        };
        var access = new DownloadAccess
        {
            Id = Guid.NewGuid(), OrganizationId = order.OrganizationId, OrderId = order.Id, OrderLineId = line.Id, ProductId = file.Product.Id,
            AssetId = file.AssetId, AssetVersion = 1, CustomerEmail = order.CustomerEmail, MaxDownloads = maxDownloads, GrantedAt = now,
            ExpiresAt = accessExpiresAt,
        };
        await using var db = TestDatabase.CreateContext(ConnectionString);
        db.AddRange(order, line, access);
        var links = new DownloadLinks(db, TimeProvider.System, Options.Create(new EntitlementOptions()));
        var token = links.MintFileLink(access);
        var orderToken = links.MintOrderLink(order.OrganizationId, order.Id);
        await db.SaveChangesAsync();
        return new Grant(file, order.Id, access.Id, token, orderToken);
    }

    /// <summary>Runs a statement as the owner (past RLS), e.g. a revoke the way an admin action would commit it.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task<int> DownloadsUsedAsync(Guid accessId) =>
        await ScalarAsync<int>("SELECT downloads_used FROM download_access WHERE id = @id", ("id", accessId));
}

public sealed record SeededFile(TestTenant Tenant, Guid FileId, Product Product, Guid AssetId, string BlobName, long Size, string Sha256, string FileName);

public sealed record Grant(SeededFile File, Guid OrderId, Guid AccessId, string Token, string OrderToken)
{
    public string Path => "/api/v1/downloads/" + Token;
}
