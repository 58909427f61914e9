using DigitalDelivery.Core.Messaging;

namespace DigitalDelivery.Api.Operations;

public static class OperationsSetup
{
    /// <summary>
    /// The operators' view of the queues. Dead letters and queue counts are services of the messaging engine, which
    /// the features' contracts already add; asking for it here keeps this feature working should they move.
    /// </summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder) => builder.AddMessaging();

    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapQueueEndpoints().MapDeadLetterEndpoints();
}
