using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Payments.Webhooks;

/// <summary>
/// The wire form of a <see cref="PaymentEvent"/>:
/// <c>{"id","type","created_at","data":{"preauth_id","amount","currency","order_reference","decline_code"}}</c>.
/// </summary>
public static class PaymentEventJson
{
    public const int MaxEventIdLength = 100;
    private const int MaxTextLength = 200;

    public static byte[] Serialize(PaymentEvent paymentEvent)
    {
        ArgumentNullException.ThrowIfNull(paymentEvent);
        return JsonSerializer.SerializeToUtf8Bytes(new Payload(
            paymentEvent.Id,
            paymentEvent.Type,
            paymentEvent.CreatedAt,
            new Data(
                paymentEvent.PreauthId,
                paymentEvent.Amount.MinorUnits,
                paymentEvent.Amount.Currency,
                paymentEvent.OrderReference,
                paymentEvent.DeclineCode)));
    }

    /// <summary>False for anything that is not a complete, plausible event; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out PaymentEvent? paymentEvent)
    {
        paymentEvent = null;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(json);
        }
        catch (JsonException)
        {
            return false;
        }

        if (payload is not { Id: { Length: > 0 and <= MaxEventIdLength } id, Type: { Length: > 0 and <= MaxTextLength } type, CreatedAt: { } createdAt }
            || payload.Data is not { PreauthId: { Length: > 0 and <= MaxTextLength } preauthId, Amount: >= 0 and var amount, OrderReference: { Length: > 0 and <= MaxTextLength } orderReference }
            || !Money.IsCurrencyCode(payload.Data.Currency))
        {
            return false;
        }

        paymentEvent = new PaymentEvent(id, type, createdAt, preauthId, new Money(amount, payload.Data.Currency!), orderReference, payload.Data.DeclineCode);
        return true;
    }

    private sealed record Payload(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
        [property: JsonPropertyName("data")] Data? Data);

    private sealed record Data(
        [property: JsonPropertyName("preauth_id")] string? PreauthId,
        [property: JsonPropertyName("amount")] long? Amount,
        [property: JsonPropertyName("currency")] string? Currency,
        [property: JsonPropertyName("order_reference")] string? OrderReference,
        [property: JsonPropertyName("decline_code")] string? DeclineCode);
}
