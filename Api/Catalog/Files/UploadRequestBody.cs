using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DigitalDelivery.Api.Catalog.Files;

/// <summary>
/// The upload reads its body itself (streamed, never an IFormFile), so nothing tells the OpenAPI generator what it
/// accepts: this describes both forms docs/catalog.md promises, multipart and raw.
/// </summary>
internal static class UploadRequestBody
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "multipart/form-data with one file part (its filename names the file), or the raw bytes with the " +
                "name in X-File-Name (percent-encoded UTF-8) or ?name=. Up to Catalog:MaxFileBytes (5 GiB by default).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        },
                    },
                },
                ["application/octet-stream"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "X-File-Name",
            In = ParameterLocation.Header,
            Description = "The file's name for a raw upload, percent-encoded UTF-8.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "name",
            In = ParameterLocation.Query,
            Description = "The file's name for a raw upload, when a header is awkward to send.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    }
}
