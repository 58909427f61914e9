extern alias api;

using System.Net;
using DigitalDelivery.Tests.Identity;
using static DigitalDelivery.Tests.CustomerAccess.CustomerAccessHttp;
using ProblemTypes = api::DigitalDelivery.Api.Problems.ProblemTypes;

namespace DigitalDelivery.Tests.CustomerAccess;

/// <summary>POST /api/v1/my/resend: neutral answers, mail only for known addresses (any tenant), limited per address.</summary>
public sealed class ResendTests(CustomerAccessFixture fixture) : IClassFixture<CustomerAccessFixture>
{
    [Fact]
    public async Task Resend_answers_identically_for_known_and_unknown_addresses_and_mails_only_the_known_one()
    {
        fixture.StartDeliveryWorker();
        var first = await fixture.CreateTenantAsync("resend-a");
        var second = await fixture.CreateTenantAsync("resend-b");
        var known = await fixture.SeedOrderAsync(first.OrganizationId);
        var sameBuyerElsewhere = await fixture.SeedOrderAsync(second.OrganizationId, new OrderSeed { Email = known.Email });
        var unknown = $"nobody-{Guid.NewGuid():N}@customers.example";
        using var http = fixture.Factory.CreateClient();

        using var knownResponse = await PostJsonAsync(http, "/api/v1/my/resend", new { email = known.Email.ToUpperInvariant() });
        using var unknownResponse = await PostJsonAsync(http, "/api/v1/my/resend", new { email = unknown });

        Assert.Equal(HttpStatusCode.Accepted, knownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknownResponse.StatusCode);
        Assert.Equal(await knownResponse.Content.ReadAsStringAsync(Ct), await unknownResponse.Content.ReadAsStringAsync(Ct));
        var mails = await fixture.Infrastructure.Smtp.WaitForMessagesAsync(known.Email, count: 2, cancellationToken: Ct);
        await fixture.WaitForDeliveryQueueToDrainAsync();
        Assert.Empty(fixture.Infrastructure.Smtp.MessagesTo(unknown));
        Assert.Equal(2, fixture.Infrastructure.Smtp.MessagesTo(known.Email).Count);
        var files = new List<string>();
        foreach (var mail in mails)
        {
            var page = await GetJsonAsync(http, $"/api/v1/my/{PageToken(mail.TextBody)}");
            files.Add(Assert.Single(page.GetProperty("files").EnumerateArray()).GetProperty("file_name").GetString()!);
        }

        Assert.Equal(new[] { known.FileName, sameBuyerElsewhere.FileName }.Order(), files.Order());
    }

    [Fact]
    public async Task Resend_mails_the_license_keys_of_an_order_without_a_live_download()
    {
        fixture.StartDeliveryWorker();
        var tenant = await fixture.CreateTenantAsync("resend-keys");
        var order = await fixture.SeedOrderAsync(tenant.OrganizationId, new OrderSeed { Revoked = true, LicenseKey = "RESEND-KEY-4242" });
        using var http = fixture.Factory.CreateClient();

        using var response = await PostJsonAsync(http, "/api/v1/my/resend", new { email = order.Email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = await fixture.Infrastructure.Smtp.WaitForMessageAsync(order.Email, cancellationToken: Ct);
        Assert.Contains("RESEND-KEY-4242", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Download your files", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_is_limited_per_address_with_a_429_problem()
    {
        var email = $"limited-{Guid.NewGuid():N}@customers.example";
        using var http = fixture.Factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await PostJsonAsync(http, "/api/v1/my/resend", new { email });
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        using var limited = await PostJsonAsync(http, "/api/v1/my/resend", new { email });
        using var otherAddress = await PostJsonAsync(http, "/api/v1/my/resend", new { email = "x" + email });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await ProblemAssert.IsProblemAsync(limited, ProblemTypes.RateLimited);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.Accepted, otherAddress.StatusCode);
    }

    [Fact]
    public async Task Resend_is_limited_per_client_ip_across_addresses()
    {
        await using var api = new ApiFactory(fixture.ConnectionString, fixture.Infrastructure.Redis.ConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:blobs"] = fixture.Infrastructure.Azurite.ConnectionString,
            ["RateLimiting:KeyPrefix"] = $"ratelimit:{Guid.NewGuid():N}:",
            ["RateLimiting:ResendPerIp:PermitLimit"] = "2",
        });
        using var http = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostJsonAsync(http, "/api/v1/my/resend", new { email = $"ip-{i}-{Guid.NewGuid():N}@customers.example" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("{\"email\":\"not an address\"}")]
    [InlineData("{\"email\":\"\"}")]
    [InlineData("{}")]
    [InlineData("{\"email\":12}")]
    [InlineData("not json")]
    public async Task Resend_with_a_bad_body_answers_400_not_500(string body)
    {
        using var http = fixture.Factory.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/api/v1/my/resend", UriKind.Relative), content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
