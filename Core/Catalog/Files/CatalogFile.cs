using DigitalDelivery.Core.Tenancy;

namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// A file a merchant uploaded to sell. The bytes live in Blob storage under <see cref="BlobName"/>, a random name
/// never derived from user input; <see cref="FileName"/> is the sanitised name the merchant gave, used only for
/// display and Content-Disposition. Size, SHA-256 and content type are measured from the bytes themselves.
/// </summary>
public sealed class CatalogFile : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public required string BlobName { get; init; }
    public required string FileName { get; set; }

    /// <summary>Detected from the first bytes (magic numbers), refined by the extension only within a family (zip: docx, epub).</summary>
    public required string ContentType { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content, computed while it streamed to storage.</summary>
    public required string Sha256 { get; init; }

    public string Status { get; set; } = FileStatuses.Pending;

    /// <summary>The signature clamd found (Infected) or why the scan failed (ScanFailed).</summary>
    public string? ScanDetail { get; set; }

    public int ScanAttempts { get; set; }
    public DateTimeOffset? ScannedAt { get; set; }
    public DateTimeOffset UploadedAt { get; init; }

    /// <summary>The audit actor that uploaded it ("client:ddc_..." or "user:&lt;id&gt;").</summary>
    public string? UploadedBy { get; init; }

    /// <summary>Optimistic concurrency: incremented by every change, sent as the ETag.</summary>
    public int Version { get; set; } = 1;
}
