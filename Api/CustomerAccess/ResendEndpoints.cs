using System.Net.Mail;
using DigitalDelivery.Api.RateLimiting;
using DigitalDelivery.Core.Entitlements.Messaging;
using DigitalDelivery.Core.Messaging.Sending;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.CustomerAccess;

/// <summary>
/// POST /api/v1/my/resend {email}: "send me my links again". Answers 202 with the same body for every well-formed
/// address and only enqueues the request (DeliveryWorker looks the address up), so neither the answer nor its
/// timing tells whether the address bought anything. Limited per IP and per address (Redis-backed), so it cannot
/// be used to flood a mailbox.
/// </summary>
public static class ResendEndpoints
{
    public static IEndpointRouteBuilder MapResendEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/my/resend", ResendAsync)
            .WithTags("Customer access")
            .AllowAnonymous()
            .WithMetadata(new RateLimitKeyFromBodyAttribute("email"))
            .RequireRateLimiting(RateLimitPolicies.CustomerResend);
        return app;
    }

    private static async Task<Results<Accepted<ResendResponse>, ValidationProblem>> ResendAsync(
        ResendRequest request, IMessageOutbox outbox, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim();
        if (email is not { Length: > 0 and <= 320 } || !MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["A valid email address is required."] });
        }

        await outbox.EnqueueAsync(
            new CustomerLinksResendRequested(email),
            new EnqueueOptions { DedupeKey = $"resend:{email.ToUpperInvariant()}" },
            cancellationToken);
        return TypedResults.Accepted((string?)null, ResendResponse.Neutral);
    }
}
