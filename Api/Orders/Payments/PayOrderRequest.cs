using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Orders.Payments;

/// <summary>A card for the sandbox processor; a real integration would take a processor token instead.</summary>
public sealed record PayOrderRequest([property: JsonPropertyName("card_number")] string? CardNumber)
{
    // The card number must never reach a log through the record's generated ToString.
    public override string ToString() => "PayOrderRequest { CardNumber = *** }";
}
