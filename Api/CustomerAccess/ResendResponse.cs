using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>The one answer of the resend endpoint, whatever the address.</summary>
public sealed record ResendResponse([property: JsonPropertyName("message")] string Message)
{
    public static ResendResponse Neutral { get; } = new(
        "If there are orders with downloads for this address, fresh links are on their way to it.");
}
