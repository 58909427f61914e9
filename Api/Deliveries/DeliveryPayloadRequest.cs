using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// What is delivered: a type (lower-case dotted, e.g. <c>invoice.created</c>), the data, optional metadata, and
/// optionally catalog files (ids of clean files) that storage, SFTP, email and download destinations carry with it.
/// </summary>
public sealed record DeliveryPayloadRequest(
    [property: JsonPropertyName("type"), Required, StringLength(64, MinimumLength = 3)] string Type,
    [property: JsonPropertyName("data"), Required] JsonElement Data,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata = null,
    [property: JsonPropertyName("files")] Guid[]? Files = null);
