using DigitalDelivery.Core.Deliveries.Destinations;

namespace DigitalDelivery.Core.Deliveries.Alerts;

/// <summary>
/// Publishes an alert's change as a merchant event, in the caller's transaction. Each change of an alert is announced
/// once: the event is deduplicated per alert and type (and escalation level). Never to the destination the alert is
/// about: it is failing, and it is the merchant's system, not the operator's pager.
/// </summary>
public static class AlertAnnouncements
{
    public static Task<bool> PublishAsync(MerchantEvents events, string type, Alert alert, Destination? about, CancellationToken cancellationToken)
    {
        var subject = type == MerchantEventTypes.AlertEscalated ? $"{alert.Id:N}:{alert.EscalationLevel}" : $"{alert.Id:N}";
        var data = new AlertEventData(
            alert.Id, alert.Rule, alert.Status, alert.EscalationLevel, alert.DestinationId, about?.Name, about?.Type,
            alert.Value, alert.Threshold, alert.Message, alert.OpenedAt, alert.ResolvedAt, alert.ResolvedBy);
        return events.PublishAsync(alert.OrganizationId, type, subject, data, cancellationToken, exceptDestinationId: alert.DestinationId);
    }
}
