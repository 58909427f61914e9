using DigitalDelivery.Core.Entitlements;
using DigitalDelivery.Core.Persistence;
using Microsoft.Extensions.Options;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Mails a customer a fresh link to an order's page (access deliveries and expiry notices). The link is minted and
/// saved before the send and retired if the send fails, so retries never leave valid tokens that nobody received.
/// </summary>
public sealed class OrderLinkMail(DeliveryDbContext db, DownloadLinks links, CustomerMailer mailer, IOptions<CustomerPortalOptions> portal)
{
    /// <param name="compose">Builds the mail from the page's URL.</param>
    public async Task SendAsync(Guid organizationId, Guid orderId, Func<string, CustomerMail> compose, CancellationToken cancellationToken)
    {
        var token = links.MintOrderLink(organizationId, orderId);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await mailer.SendAsync(compose(portal.Value.OrderPageUrl(token)), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await links.RetireAsync(token, CancellationToken.None);
            throw;
        }
    }
}
