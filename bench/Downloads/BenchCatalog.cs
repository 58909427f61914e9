using System.Security.Cryptography;
using Azure.Storage.Blobs;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Organizations;
using DigitalDelivery.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Bench.Downloads;

/// <summary>One organization with one Clean file (random bytes, uploaded to Blob storage) and unlimited entitlements to it.</summary>
internal sealed class BenchCatalog
{
    private readonly string _connectionString;
    private Guid _organizationId;
    private Product _product = null!;
    private Guid _assetId;

    private BenchCatalog(string connectionString) => _connectionString = connectionString;

    public required string Container { get; init; }
    public string BlobName { get; private set; } = string.Empty;
    public long Size { get; private set; }

    public static async Task<BenchCatalog> CreateAsync(string connectionString, BlobServiceClient blobs, string container, long size)
    {
        var catalog = new BenchCatalog(connectionString) { Container = container };
        await catalog.SeedAsync(blobs, size);
        return catalog;
    }

    /// <summary>Orders with one unlimited entitlement each; returns their file-link tokens.</summary>
    public async Task<IReadOnlyList<string>> GrantAsync(int count)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = Context();
        var links = new DownloadLinks(db, TimeProvider.System, Options.Create(new EntitlementOptions { FileLinkLifetime = TimeSpan.FromHours(2) }));
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var order = new Order
            {
                Id = Guid.NewGuid(), OrganizationId = _organizationId, CustomerEmail = $"buyer{i}@bench.test", CustomerName = "Bench",
                Currency = "EUR", TotalMinor = 100, CreatedAt = now, UpdatedAt = now,
            };
            var line = new OrderLine
            {
                Id = Guid.NewGuid(), OrganizationId = _organizationId, OrderId = order.Id, ProductId = _product.Id, Sku = _product.Sku,
                ProductName = _product.Name, ProductType = _product.Type, Quantity = 1, UnitPriceMinor = 100, LineTotalMinor = 100,
            };
            var access = new DownloadAccess
            {
                Id = Guid.NewGuid(), OrganizationId = _organizationId, OrderId = order.Id, OrderLineId = line.Id, ProductId = _product.Id,
                AssetId = _assetId, AssetVersion = 1, CustomerEmail = order.CustomerEmail, GrantedAt = now,
            };
            db.AddRange(order, line, access);
            tokens.Add(links.MintFileLink(access));
        }

        await db.SaveChangesAsync();
        return tokens;
    }

    private async Task SeedAsync(BlobServiceClient blobs, long size)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync();
        _organizationId = Guid.NewGuid();
        BlobName = $"{_organizationId:N}/{Guid.NewGuid():N}";
        Size = size;
        string sha256;
        await using (var content = new RandomContentStream(size))
        {
            await container.GetBlobClient(BlobName).UploadAsync(content, new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                TransferOptions = CatalogFileStorage.TransferOptions,
            });
            sha256 = content.Sha256;
        }

        var now = DateTimeOffset.UtcNow;
        var file = new CatalogFile
        {
            Id = Guid.NewGuid(), OrganizationId = _organizationId, BlobName = BlobName, FileName = "bench.bin", ContentType = "application/octet-stream",
            SizeBytes = size, Sha256 = sha256, Status = FileStatuses.Clean, UploadedAt = now,
        };
        _product = new Product
        {
            Id = Guid.NewGuid(), OrganizationId = _organizationId, Sku = "BENCH-1", NormalizedSku = "BENCH-1", Name = "Bench", Type = ProductTypes.Download,
            Currency = "EUR", PriceMinor = 100, Status = ProductStatuses.Active, CreatedAt = now, UpdatedAt = now,
        };
        _assetId = Guid.NewGuid();
        var asset = new DigitalAsset
        {
            Id = _assetId, OrganizationId = _organizationId, ProductId = _product.Id, Name = "bench.bin", CurrentFileId = file.Id, CreatedAt = now, UpdatedAt = now,
        };
        var version = new AssetVersion { Id = Guid.NewGuid(), OrganizationId = _organizationId, AssetId = _assetId, Number = 1, FileId = file.Id, CreatedAt = now };
        await using var db = Context();
        db.Add(new Organization { Id = _organizationId, Name = "Bench", Slug = $"bench-{_organizationId:N}", CreatedAt = now });
        db.AddRange(file, _product, asset, version);
        await db.SaveChangesAsync();
    }

    private DeliveryDbContext Context() => new(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(_connectionString).Options);

    /// <summary>Random bytes generated as read (never held whole), hashed on the way.</summary>
    private sealed class RandomContentStream(long length) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _position;

        public string Sha256 { get; private set; } = string.Empty;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            if (n <= 0)
            {
                Sha256 = Sha256.Length > 0 ? Sha256 : Convert.ToHexStringLower(_hash.GetHashAndReset());
                return 0;
            }

            RandomNumberGenerator.Fill(buffer[..n]);
            _hash.AppendData(buffer[..n]);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
