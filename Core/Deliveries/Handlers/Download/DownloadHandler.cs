using System.Text.Json;
using DigitalDelivery.Core.Deliveries.Links;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.Core.Deliveries.Handlers.Download;

/// <summary>
/// Download destinations: each delivery becomes a signed link that expires and allows a number of downloads; the
/// link is the delivery's result (GET /deliveries/{id}), for the producer to hand on. Downloads are counted on the
/// delivery and each request is logged (Api/Deliveries/DeliveryLinkEndpoints). Nothing leaves the platform, so an
/// attempt cannot fail for a peer; the test issues a link and checks it reads back.
/// </summary>
internal sealed class DownloadHandler(DeliveryLinkTokens tokens, IOptions<DeliveryLinkOptions> options, TimeProvider time) : IDestinationHandler
{
    public string Type => Destinations.DestinationTypes.Download;

    public SecretUse Secret => SecretUse.None;

    public object? ParseConfig(JsonElement config, string? secret, IDictionary<string, string[]> errors)
    {
        var parsed = DestinationConfigJson.Parse<DownloadConfig>(config, errors);
        if (parsed is null)
        {
            return null;
        }

        if (parsed.ExpiresInHours is < 1 or > DownloadConfig.MaxExpiresInHours)
        {
            errors["config.expires_in_hours"] = [$"config.expires_in_hours must be between 1 and {DownloadConfig.MaxExpiresInHours}."];
        }

        if (parsed.MaxDownloads is < 1 or > DownloadConfig.MaxMaxDownloads)
        {
            errors["config.max_downloads"] = [$"config.max_downloads must be between 1 and {DownloadConfig.MaxMaxDownloads}."];
        }

        return errors.Count == 0 ? parsed : null;
    }

    public Task<DeliveryOutcome> DeliverAsync(DestinationTarget target, OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var config = target.ConfigAs<DownloadConfig>();
        var token = tokens.Issue(new DeliveryLinkClaim(
            target.Destination.OrganizationId, delivery.DeliveryId, config.Downloads, time.GetUtcNow() + config.Lifetime));
        return Task.FromResult(DeliveryOutcome.Delivered(TimeSpan.Zero, options.Value.LinkUrl(token)));
    }

    public Task<DeliveryOutcome> TestAsync(DestinationTarget target, CancellationToken cancellationToken)
    {
        var claim = new DeliveryLinkClaim(target.Destination.OrganizationId, Guid.Empty, 1, time.GetUtcNow().AddMinutes(1));
        return Task.FromResult(tokens.Read(tokens.Issue(claim)) == claim
            ? DeliveryOutcome.Delivered(TimeSpan.Zero)
            : DeliveryOutcome.Permanent("Links issued here cannot be read back: check the Data Protection key ring.", TimeSpan.Zero));
    }
}
