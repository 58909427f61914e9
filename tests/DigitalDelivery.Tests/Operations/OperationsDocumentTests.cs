using DigitalDelivery.Tests.Contract;

namespace DigitalDelivery.Tests.Operations;

/// <summary>The operators' endpoints are in /openapi/v1.json, behind the platform scope, with their own errors.</summary>
[Collection(nameof(OperationsRunTogether))]
public sealed class OperationsDocumentTests(OperationsFixture fixture)
{
    [Fact]
    public async Task Every_operations_endpoint_is_documented_with_the_platform_scope_and_its_errors()
    {
        var operations = await OpenApiOperations.ReadAsync(fixture.Factory);

        var platform = operations
            .Where(o => o.Path.StartsWith("/api/v1/platform/queues", StringComparison.Ordinal) || o.Path.StartsWith("/api/v1/platform/dead-letters", StringComparison.Ordinal))
            .ToDictionary(o => $"{o.Method} {o.Path}", StringComparer.Ordinal);
        Assert.Equal(
            [
                "delete /api/v1/platform/dead-letters/{id}",
                "get /api/v1/platform/dead-letters",
                "get /api/v1/platform/dead-letters/{id}",
                "get /api/v1/platform/queues",
                "post /api/v1/platform/dead-letters/purge",
                "post /api/v1/platform/dead-letters/replay",
                "post /api/v1/platform/dead-letters/{id}/replay",
            ],
            platform.Keys.Order(StringComparer.Ordinal));
        Assert.All(platform.Values, o => Assert.Equal(["platform:admin"], o.Scopes));
        Assert.All(platform.Values, o => Assert.Contains("403", o.Responses.Keys));
        Assert.Contains("409", platform["post /api/v1/platform/dead-letters/{id}/replay"].Responses.Keys);
        Assert.Contains("404", platform["delete /api/v1/platform/dead-letters/{id}"].Responses.Keys);
        Assert.Contains("400", platform["post /api/v1/platform/dead-letters/purge"].Responses.Keys);
        Assert.Equal("listPlatformDeadLetters", platform["get /api/v1/platform/dead-letters"].OperationId);
    }
}
