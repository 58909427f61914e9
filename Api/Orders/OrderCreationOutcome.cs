namespace DigitalDelivery.Api.Orders;

/// <summary>What an order creation came to; the endpoint turns each case into its HTTP answer.</summary>
public abstract record OrderCreationOutcome
{
    /// <summary>A stored response: the first one, or a replay of it for the same key and body.</summary>
    public sealed record Response(int StatusCode, string Body, Guid OrderId, bool Replayed) : OrderCreationOutcome;

    public sealed record KeyReused : OrderCreationOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : OrderCreationOutcome;

    public sealed record Unavailable(string Detail) : OrderCreationOutcome;

    public sealed record OutOfStock(Guid ProductId) : OrderCreationOutcome;
}
