namespace DigitalDelivery.Api.Identity;

/// <summary>Claim names in the Api's access tokens (RFC 9068 names where one exists).</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Role = "role";
    public const string Email = "email";
    public const string OrganizationId = "org_id";

    /// <summary>"user" or "client": who the subject is.</summary>
    public const string ActorType = "actor_type";
}
