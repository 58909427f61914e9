using DigitalDelivery.Core.Messaging.Handling;
using DigitalDelivery.Core.Orders;
using DigitalDelivery.Core.Orders.Messaging;
using DigitalDelivery.Core.Persistence;
using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Worker.Orders;

/// <summary>
/// The end of an order's reservation window. Transactional: the order row is locked, and if it is still unpaid
/// it becomes Expired and its stock returns, in the same commit that completes the message. An order that was
/// paid or cancelled meanwhile is left alone, so a late or repeated delivery changes nothing.
/// </summary>
internal sealed partial class OrderReservationExpiryHandler(TenantContext tenant, OrderLifecycle lifecycle, ILogger<OrderReservationExpiryHandler> logger)
    : ITransactionalMessageHandler<OrderReservationExpiryDue>
{
    public async Task HandleAsync(OrderReservationExpiryDue message, MessageContext context, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        tenant.SetOrganization(message.OrganizationId);
        var order = await lifecycle.LockAsync(message.OrderId, cancellationToken);
        if (order is not null && await lifecycle.ExpireAsync(order, cancellationToken))
        {
            LogExpired(message.OrderId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} expired unpaid; its reservation was released.")]
    private partial void LogExpired(Guid orderId);
}
