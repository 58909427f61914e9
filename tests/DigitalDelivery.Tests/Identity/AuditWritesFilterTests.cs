extern alias api;

using api::DigitalDelivery.Api.Audit;
using DigitalDelivery.Core.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalDelivery.Tests.Identity;

/// <summary>The filter later features get from <c>.WithAuditTrail("entity")</c>, run against the real database.</summary>
public sealed class AuditWritesFilterTests(IdentityApiFixture fixture) : IClassFixture<IdentityApiFixture>
{
    public static TheoryData<string, int, bool> Calls => new()
    {
        { "POST", 201, true },
        { "DELETE", 204, true },
        { "PUT", 404, false },
        { "GET", 200, false },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Successful_writes_that_recorded_nothing_get_a_generic_entry_and_reads_and_failures_get_none(string method, int status, bool audited)
    {
        var tenant = await fixture.CreateTenantAsync("filter");
        var entityId = Guid.NewGuid().ToString();
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetOrganization(tenant.OrganizationId);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = $"/api/v1/widgets/{entityId}";
        http.Request.RouteValues["id"] = entityId;
        http.SetEndpoint(new RouteEndpoint(
            _ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/widgets/{id}"), 0, new EndpointMetadataCollection(new AuditEntityAttribute("widget")), "widget"));
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = http;

        await ActivatorUtilities.CreateInstance<AuditWritesFilter>(scope.ServiceProvider).InvokeAsync(
            new DefaultEndpointFilterInvocationContext(http),
            _ => ValueTask.FromResult<object?>(TypedResults.StatusCode(status)));

        var count = await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE entity_id = @id AND entity_type = 'widget' AND action = @action AND organization_id = @org",
            ("id", entityId), ("action", $"{method} /api/v1/widgets/{{id}}"), ("org", tenant.OrganizationId));
        Assert.Equal(audited ? 1L : 0L, count);
    }
}
