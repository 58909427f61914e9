namespace DigitalDelivery.Api.Audit;

/// <summary>Action names written by this feature; later features add theirs beside their endpoints.</summary>
public static class AuditActions
{
    public const string ClientTokenIssued = "client.token_issued";
    public const string ClientTokenDenied = "client.token_denied";
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignInFailed = "user.sign_in_failed";
    public const string UserLockedOut = "user.locked_out";
    public const string UserSignedOut = "user.signed_out";
    public const string ClientCreated = "client.created";
    public const string ClientUpdated = "client.updated";
    public const string ClientSecretRotated = "client.secret_rotated";
    public const string ClientDeleted = "client.deleted";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserDeleted = "user.deleted";
    public const string OrganizationUpdated = "organization.updated";
    public const string OrganizationCreated = "organization.created";
    public const string OrganizationSuspended = "organization.suspended";
    public const string OrganizationReactivated = "organization.reactivated";
}
