using DigitalDelivery.Core.Messaging.Handling;

namespace DigitalDelivery.Tests.Operations;

public sealed class ScanProbeHandler(FailingProbe probe) : IMessageHandler<ScanProbeMessage>
{
    public Task HandleAsync(ScanProbeMessage message, MessageContext context, CancellationToken cancellationToken)
    {
        probe.Handle(message.CustomerEmail);
        return Task.CompletedTask;
    }
}
