extern alias deliveryworker;
extern alias web;

using System.Security.Cryptography;
using DigitalDelivery.Core.Catalog.Assets;
using DigitalDelivery.Core.Catalog.Files;
using DigitalDelivery.Core.Catalog.LicenseKeys;
using DigitalDelivery.Core.Catalog.Products;
using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Security.DataProtection;
using DigitalDelivery.Tests.Identity;
using DigitalDelivery.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ApiClient = web::DigitalDelivery.Web.Api.ApiClient;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>
/// The Api and DeliveryWorker on one database, DeliveryWorker mailing through the shared real SMTP server, and the
/// Web app calling the Api's test server. Rate limit counters get a prefix of their own (Redis is shared).
/// </summary>
public sealed class CustomerAccessFixture(LocalInfrastructure infrastructure) : IdentityApiFixture(infrastructure)
{
    public const string PortalBaseUrl = "http://shop.test";
    public const string ApiPublicUrl = "http://api.test";

    private WebApplicationFactory<deliveryworker::Program>? _deliveryWorker;

    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ConnectionStrings:blobs"] = infrastructure.Azurite.ConnectionString,
        ["RateLimiting:KeyPrefix"] = $"ratelimit:{Guid.NewGuid():N}:",
        ["RateLimiting:WritesPerClient:PermitLimit"] = "100000",
        ["RateLimiting:PublicPerIp:PermitLimit"] = "100000",
        ["RateLimiting:ResendPerIp:PermitLimit"] = "100000",
    };

    /// <summary>Starts DeliveryWorker (once) on the fixture's database, mailing to the test SMTP server unless told otherwise.</summary>
    public void StartDeliveryWorker(string? smtpConnectionString = null)
    {
        _deliveryWorker ??= new ServiceFactory<deliveryworker::Program>(new Dictionary<string, string?>(AppHostSettings.For(Infrastructure, ConnectionString))
        {
            ["CustomerPortal:BaseUrl"] = PortalBaseUrl,
            ["ConnectionStrings:smtp"] = smtpConnectionString ?? Infrastructure.Smtp.ConnectionString,
        });
        _ = _deliveryWorker.Services;
    }

    /// <summary>The Web app, calling this fixture's Api in memory.</summary>
    public WebApplicationFactory<web::Program> Portal() =>
        new WebApplicationFactory<web::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:deliverydb", ConnectionString);
            builder.UseSetting("services:api:http:0", ApiPublicUrl);
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<ApiClient>().ConfigurePrimaryHttpMessageHandler(() => Factory.Server.CreateHandler()));
        });

    /// <summary>A paid order of the tenant with one downloadable file and an entitlement to it, written as the owner.</summary>
    public async Task<SeededOrder> SeedOrderAsync(Guid organizationId, OrderSeed? seed = null)
    {
        seed ??= new OrderSeed();
        var now = DateTimeOffset.UtcNow;
        var email = seed.Email ?? $"buyer-{Guid.NewGuid():N}@customers.example";
        var fileName = $"guide-{Guid.NewGuid():N}"[..16] + ".pdf";
        var product = new Product
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, Sku = $"SKU-{Guid.NewGuid():N}", NormalizedSku = string.Empty,
            Name = "Field Guide", Type = seed.LicenseKey is null ? ProductTypes.Download : ProductTypes.Bundle, PriceMinor = 1500,
            Currency = "EUR", Status = ProductStatuses.Active, CreatedAt = now, UpdatedAt = now,
        };
        product.NormalizedSku = Product.Normalize(product.Sku);
        var file = new CatalogFile
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, BlobName = $"files/{Guid.NewGuid():N}", FileName = fileName,
            ContentType = "application/pdf", SizeBytes = 2048, Sha256 = new string('a', 64), Status = seed.FileStatus, UploadedAt = now,
        };
        var asset = new DigitalAsset
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, ProductId = product.Id, Name = seed.AssetName,
            CurrentFileId = file.Id, CreatedAt = now, UpdatedAt = now, MaxDownloads = seed.MaxDownloads, NotifyCustomerOnExpiry = seed.NotifyOnExpiry,
        };
        var order = new Order
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, CustomerEmail = email, CustomerName = seed.CustomerName,
            Currency = "EUR", TotalMinor = 1500, CreatedAt = now, UpdatedAt = now,
        };
        var line = new OrderLine
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, OrderId = order.Id, ProductId = product.Id, Sku = product.Sku,
            ProductName = product.Name, ProductType = product.Type, Quantity = 1, UnitPriceMinor = 1500, LineTotalMinor = 1500,
        };
        var access = new DownloadAccess
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, OrderId = order.Id, OrderLineId = line.Id, ProductId = product.Id,
            AssetId = asset.Id, AssetVersion = 1, CustomerEmail = email, MaxDownloads = seed.MaxDownloads, DownloadsUsed = seed.DownloadsUsed,
            GrantedAt = now, ExpiresAt = seed.ExpiresAt, NotifyCustomerOnExpiry = seed.NotifyOnExpiry,
            RevokedAt = seed.Revoked ? now : null, RevokedReason = seed.Revoked ? "chargeback" : null,
        };
        await using var db = TestDatabase.CreateContext(ConnectionString);
        db.AddRange(product, file, asset, new AssetVersion
        {
            Id = Guid.CreateVersion7(), OrganizationId = organizationId, AssetId = asset.Id, Number = 1, FileId = file.Id, CreatedAt = now,
        });
        db.AddRange(order, line, access);
        if (seed.LicenseKey is { } key)
        {
            var codec = new LicenseKeyCodec(Factory.Services.GetRequiredService<SecretProtector>());
            var poolKey = RandomNumberGenerator.GetBytes(32);
            db.Add(new LicenseKeyPool { ProductId = product.Id, OrganizationId = organizationId, HashKey = poolKey, UpdatedAt = now });
            db.Add(new LicenseKey
            {
                OrganizationId = organizationId, ProductId = product.Id, KeyHash = LicenseKeyCodec.Hash(poolKey, key),
                ProtectedKey = codec.Protect(key), Hint = LicenseKeyCodec.Hint(key), ImportId = Guid.NewGuid(), ImportedAt = now,
                AssignedAt = now, AssignedTo = LicenseKeyAssignee.ForLine(line.Id),
            });
        }

        await db.SaveChangesAsync();
        return new SeededOrder(organizationId, order.Id, access.Id, email, fileName, seed.LicenseKey);
    }

    /// <summary>Mints a page link for an order as fulfillment would (through the Core service, in the tenant's scope).</summary>
    public async Task<string> MintOrderLinkAsync(SeededOrder order)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DigitalDelivery.Core.Tenancy.TenantContext>().SetOrganization(order.OrganizationId);
        var token = scope.ServiceProvider.GetRequiredService<DownloadLinks>().MintOrderLink(order.OrganizationId, order.OrderId);
        await scope.ServiceProvider.GetRequiredService<DigitalDelivery.Core.Persistence.DeliveryDbContext>().SaveChangesAsync();
        return token;
    }

    /// <summary>Runs <paramref name="action"/> in an Api service scope whose tenant is <paramref name="organizationId"/>.</summary>
    public async Task InTenantScopeAsync(Guid organizationId, Func<IServiceProvider, Task> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DigitalDelivery.Core.Tenancy.TenantContext>().SetOrganization(organizationId);
        await action(scope.ServiceProvider);
    }

    /// <summary>Waits until no message of the delivery queue is waiting or running (everything enqueued so far was handled).</summary>
    public async Task WaitForDeliveryQueueToDrainAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (await ScalarAsync<long>("SELECT count(*) FROM messaging_messages WHERE queue = 'delivery'") > 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail("The delivery queue did not drain in time.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }

    public async Task<DownloadAccess> ReadAccessAsync(Guid id)
    {
        await using var db = TestDatabase.CreateContext(ConnectionString);
        return await db.Set<DownloadAccess>().IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<List<string>> AuditActionsAsync(Guid organizationId, string entityId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT action FROM audit_log WHERE organization_id = @org AND entity_id = @id ORDER BY occurred_at, id", connection);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("id", entityId);
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_deliveryWorker is not null)
        {
            await _deliveryWorker.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
