namespace DigitalDelivery.Web.Identity;

/// <summary>Claims of the portal's cookie principal; the Api's user token is kept beside them, not in them.</summary>
public static class PortalClaims
{
    public const string UserId = "sub";
    public const string Email = "email";
    public const string OrganizationId = "org_id";
    public const string Role = "role";

    /// <summary>Name of the stored authentication token holding the Api access token.</summary>
    public const string AccessTokenName = "access_token";
}
