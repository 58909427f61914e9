using System.Text.Json;

namespace DigitalDelivery.Tests.Identity;

public static class ProblemAssert
{
    /// <summary>The response is RFC 9457 problem+json of the given type, with no stack trace in it.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(type, json.RootElement.GetProperty("type").GetString());
        Assert.Equal((int)response.StatusCode, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.TryGetProperty("title", out _));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return json.RootElement.Clone();
    }
}
