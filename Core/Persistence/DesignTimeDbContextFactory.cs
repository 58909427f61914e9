using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DigitalDelivery.Core.Persistence;

/// <summary>
/// Builds <see cref="DeliveryDbContext"/> for dotnet-ef (<c>dotnet ef migrations add ... --project Core</c>). The
/// services' hosts need Redis, Blob storage and more to start, so the tooling builds the context here instead.
/// Scaffolding needs no server; commands that do (<c>database update</c>) use ConnectionStrings__deliverydb as the
/// owner, like <c>Api migrate</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DeliveryDbContext>
{
    public DeliveryDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{ConnectionNames.Database}")
            ?? "Host=localhost;Database=deliverydb";
        return new DeliveryDbContext(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(connectionString).Options);
    }
}
