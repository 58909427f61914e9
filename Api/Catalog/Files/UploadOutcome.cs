using DigitalDelivery.Core.Catalog.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalDelivery.Api.Catalog.Files;

/// <summary>The stored file, or the problem that stopped the upload (nothing is left in storage then).</summary>
public sealed record UploadOutcome(CatalogFile? File, ProblemHttpResult? Problem);
