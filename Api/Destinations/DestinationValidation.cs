using DigitalDelivery.Core.Deliveries.Destinations;
using DigitalDelivery.Core.Deliveries.Webhooks;

namespace DigitalDelivery.Api.Destinations;

/// <summary>Per-type rules DataAnnotations cannot say; errors by field, for a validation problem.</summary>
internal static class DestinationValidation
{
    public static Dictionary<string, string[]> Errors(DestinationRequest request, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Type != DestinationTypes.Webhook)
        {
            errors["type"] = ["type must be webhook: email, storage, sftp and download destinations are not available yet."];
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors["url"] = ["url must be an absolute http or https URL without credentials in it."];
        }

        var unknown = request.Events.Where(e => !EventPatterns.IsValid(e)).ToList();
        if (unknown.Count > 0)
        {
            errors["events"] = [$"Unknown event types: {string.Join(", ", unknown)}. Known: {string.Join(", ", Core.Deliveries.MerchantEventTypes.All)}, a family such as order.*, or *."];
        }

        if (request.Secret is not null && (!creating || !WebhookSecrets.IsValid(request.Secret)))
        {
            errors["secret"] = [creating
                ? "secret must be whsec_ followed by 24 to 64 bytes in base64; leave it out to have one made."
                : "secret cannot be set here: rotate it with POST /api/v1/destinations/{id}/secret."];
        }

        return errors;
    }
}
