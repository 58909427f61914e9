using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Tests.Operations;

public sealed class DeliveryProbeHandler(FailingProbe probe) : IMessageHandler<DeliveryProbeMessage>
{
    public Task HandleAsync(DeliveryProbeMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        probe.Handle(message.CustomerEmail);
        return Task.CompletedTask;
    }
}
