extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DigitalDelivery.Tests.Orders;
using Scopes = api::DigitalDelivery.Api.Identity.Scopes;

namespace DigitalDelivery.Tests.Contract;

/// <summary>
/// Every operation of /openapi/v1.json, sent malformed input of every kind by a caller holding every scope: no
/// answer is a 5xx, every 4xx is problem+json with a stable type (the token endpoint keeps RFC 6749's JSON), and no
/// write accepts what it was sent.
/// </summary>
public sealed class MalformedInputWalkTests(OrderPaymentsFixture fixture) : IClassFixture<OrderPaymentsFixture>
{
    [Fact]
    public async Task No_operation_answers_malformed_input_with_a_5xx_a_bodiless_error_or_an_acceptance()
    {
        var tenant = await fixture.CreateTenantAsync("malformed-walk", [.. Scopes.All]);
        using var http = fixture.Payments.CreateClient();
        var token = await tenant.GetTokenAsync(http);
        var document = await OpenApiOperations.ReadDocumentAsync(fixture.Payments);
        var operations = await OpenApiOperations.ReadAsync(fixture.Payments);
        var requests = new MalformedRequests(document);
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            foreach (var malformed in requests.For(operation))
            {
                using var request = new HttpRequestMessage(malformed.Method, new Uri(malformed.Url, UriKind.Relative)) { Content = malformed.Content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                foreach (var (name, value) in malformed.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await http.SendAsync(request, Ct);
                sent++;
                if (await JudgeAsync(operation, response) is { } failure)
                {
                    failures.Add($"{operation.Method.ToUpperInvariant()} {operation.Path} [{malformed.Description}]: {failure}");
                }
            }
        }

        Assert.True(sent > 500, $"only {sent} malformed requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were mishandled:\n{string.Join('\n', failures)}");
    }

    private static async Task<string?> JudgeAsync(OpenApiOperations.Operation operation, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (status >= 500)
        {
            return $"{status} {Shorten(body)}";
        }

        if (status < 400)
        {
            return operation.Method == "get" ? null : $"{status}: the write accepted malformed input";
        }

        if (operation.OperationId == "token")
        {
            return response.Content.Headers.ContentType?.MediaType == "application/json" && body.Contains("\"error\"", StringComparison.Ordinal)
                ? null
                : $"{status} without an RFC 6749 error";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} with {response.Content.Headers.ContentType?.MediaType ?? "no body"}";
        }

        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.TryGetProperty("type", out var type) && type.GetString()?.StartsWith("https://digitaldelivery.dev/problems/", StringComparison.Ordinal) == true
            ? null
            : $"{status} problem without a catalogued type";
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] : body;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
