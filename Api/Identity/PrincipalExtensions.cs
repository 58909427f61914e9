using System.Security.Claims;
using DigitalDelivery.Core.Audit;

namespace DigitalDelivery.Api.Identity;

public static class PrincipalExtensions
{
    public static IReadOnlyCollection<string> GetScopes(this ClaimsPrincipal principal) =>
        principal.FindAll(TokenClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    public static bool HasScope(this ClaimsPrincipal principal, string scope) => principal.GetScopes().Contains(scope);

    public static Guid? GetOrganizationId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TokenClaims.OrganizationId), out var id) ? id : null;

    /// <summary>The audit actor: (user, user id) or (client, client id).</summary>
    public static (string Type, string Id)? GetActor(this ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue(TokenClaims.Subject);
        if (subject is null)
        {
            return null;
        }

        return principal.FindFirstValue(TokenClaims.ActorType) == AuditActorTypes.User
            ? (AuditActorTypes.User, subject)
            : (AuditActorTypes.Client, principal.FindFirstValue(TokenClaims.ClientId) ?? subject);
    }

    /// <summary>The actor as one string (<c>user:…</c>, <c>client:…</c>) for records that name who changed them.</summary>
    public static string GetActorName(this ClaimsPrincipal principal) =>
        principal.GetActor() is { } who ? $"{who.Type}:{who.Id}" : "unknown";
}
