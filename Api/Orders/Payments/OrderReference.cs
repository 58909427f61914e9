namespace DigitalDelivery.Api.Orders.Payments;

/// <summary>
/// The order reference sent to the processor and echoed in its webhooks: "{organization id:N}.{order id:N}",
/// so the webhook (which has no caller tenant) knows whose order it is before touching tenant data.
/// </summary>
public static class OrderReference
{
    public static string For(Guid organizationId, Guid orderId) => $"{organizationId:N}.{orderId:N}";

    public static bool TryParse(string reference, out Guid organizationId, out Guid orderId)
    {
        organizationId = orderId = Guid.Empty;
        var parts = reference.Split('.');
        return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out organizationId) && Guid.TryParseExact(parts[1], "N", out orderId);
    }
}
