using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Handlers;

namespace DigitalDelivery.Api.Destinations;

/// <summary>
/// What DataAnnotations cannot say about a destination: the type's own rules (its handler's), the events, and when
/// a secret may be given. Errors by field, for a validation problem; the settings come back normalised for storage.
/// </summary>
internal static class DestinationValidation
{
    public static (Dictionary<string, string[]> Errors, string? Config) Check(
        DestinationRequest request, DestinationHandlers handlers, Destination? existing)
    {
        var errors = new Dictionary<string, string[]>();
        var unknown = request.Events.Where(e => !EventPatterns.IsValid(e)).ToList();
        if (unknown.Count > 0)
        {
            errors["events"] = [$"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", Core.Deliveries.MerchantEventTypes.All)}, a family such as order.*, or *."];
        }

        if (existing is not null && request.Type != existing.Type)
        {
            errors["type"] = ["A destination's type cannot change; create another."];
            return (errors, null);
        }

        if (existing is not null && request.Secret is not null && handlers.Find(request.Type)?.Secret == SecretUse.Generated)
        {
            errors["secret"] = ["secret cannot be set here: rotate it with POST /api/v1/destinations/{id}/secret."];
        }

        var config = handlers.Validate(request.Type, request.Config, request.Secret, secretStored: existing?.ProtectedSecret is not null, errors);
        return (errors, config);
    }
}
