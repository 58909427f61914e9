namespace DigitalDelivery.Api.Problems;

/// <summary>
/// The catalogue of problem types (RFC 9457 <c>type</c> URIs) the Api answers with. They are stable
/// identifiers clients may switch on; add new ones here rather than inventing them in endpoints.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "https://digitaldelivery.dev/problems/";

    public const string BadRequest = Base + "bad-request";
    public const string Validation = Base + "validation";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Conflict = Base + "conflict";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string RateLimited = Base + "rate-limited";
    public const string Internal = Base + "internal";
    public const string Unavailable = Base + "unavailable";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string PreconditionRequired = Base + "precondition-required";
    public const string InvalidText = Base + "invalid-text";

    // Organizations (docs/identity.md).
    public const string OrganizationSuspended = Base + "organization-suspended";
    public const string DuplicateSlug = Base + "duplicate-slug";

    // Catalog (docs/catalog.md).
    public const string FileTooLarge = Base + "file-too-large";
    public const string EmptyFile = Base + "empty-file";
    public const string InvalidUpload = Base + "invalid-upload";
    public const string UnknownFile = Base + "unknown-file";
    public const string FileNotClean = Base + "file-not-clean";
    public const string FileInUse = Base + "file-in-use";
    public const string DuplicateSku = Base + "duplicate-sku";
    public const string ProductNotReady = Base + "product-not-ready";
    public const string WrongProductType = Base + "wrong-product-type";

    // Customer access (docs/customer-access.md).
    public const string InvalidLinkToken = Base + "invalid-link-token";
    public const string UnknownLink = Base + "unknown-link";
    public const string EntitlementRevoked = Base + "entitlement-revoked";
    public const string EntitlementNotAvailable = Base + "entitlement-not-available";

    // Downloads (docs/downloads.md).
    public const string InvalidDownloadToken = Base + "invalid-download-token";
    public const string UnknownDownloadToken = Base + "unknown-download-token";
    public const string DownloadRevoked = Base + "download-revoked";
    public const string DownloadExpired = Base + "download-expired";
    public const string DownloadLimitReached = Base + "download-limit-reached";
    public const string DownloadFileUnavailable = Base + "download-file-unavailable";
    public const string RangeNotSatisfiable = Base + "range-not-satisfiable";

    // Alerts (docs/deliveries.md).
    public const string AlertResolved = Base + "alert-resolved";

    // Operations (docs/operations/queues.md).
    public const string DedupeKeyPending = Base + "dedupe-key-pending";

    /// <summary>The type and title for a status code when an endpoint did not pick a more specific type.</summary>
    public static (string Type, string Title) ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => (Unauthorized, "Authentication is required."),
        StatusCodes.Status403Forbidden => (Forbidden, "The caller may not do this."),
        StatusCodes.Status404NotFound => (NotFound, "The resource was not found."),
        StatusCodes.Status405MethodNotAllowed => (MethodNotAllowed, "The method is not allowed on this resource."),
        StatusCodes.Status409Conflict => (Conflict, "The request conflicts with the current state."),
        StatusCodes.Status412PreconditionFailed => (PreconditionFailed, "The resource has changed since it was read."),
        StatusCodes.Status428PreconditionRequired => (PreconditionRequired, "The request must be conditional: send If-Match."),
        StatusCodes.Status413PayloadTooLarge => (PayloadTooLarge, "The request body is too large."),
        StatusCodes.Status415UnsupportedMediaType => (UnsupportedMediaType, "The request content type is not supported."),
        StatusCodes.Status422UnprocessableEntity => (Validation, "The request is not valid."),
        StatusCodes.Status429TooManyRequests => (RateLimited, "Too many requests."),
        StatusCodes.Status503ServiceUnavailable => (Unavailable, "The service is temporarily unavailable."),
        >= 500 => (Internal, "An unexpected error occurred."),
        _ => (BadRequest, "The request is not valid."),
    };
}
