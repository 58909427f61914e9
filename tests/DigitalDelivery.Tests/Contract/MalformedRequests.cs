using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalDelivery.Tests.Contract;

/// <summary>
/// Builds malformed requests for one operation of the OpenAPI document: bad ids in the path, bad query values,
/// bad JSON, the wrong shape, wrong types, NUL and huge strings, negative and huge numbers, the wrong content type.
/// Each is one change away from a well-formed request, so what the Api answers is about that change.
/// </summary>
public sealed class MalformedRequests(JsonElement document)
{
    private static readonly string[] BadIds = ["not-a-guid", "%2500", new string('9', 40), "-1", "%E2%80%AE", "00000000-0000-0000-0000-00000000000g"];
    private static readonly string[] BadQueryValues = ["\0", "-1", new string('9', 40), "not-a-value", new string('x', 5000)];

    public sealed record MalformedRequest(string Description, HttpMethod Method, string Url, HttpContent? Content, IReadOnlyDictionary<string, string> Headers);

    public IEnumerable<MalformedRequest> For(OpenApiOperations.Operation operation)
    {
        var method = new HttpMethod(operation.Method.ToUpperInvariant());
        var pathParameters = operation.Parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(Name).ToList();
        var queryParameters = operation.Parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(Name).ToList();
        var jsonSchema = JsonBodySchema(operation);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in operation.Parameters.Where(p => p.GetProperty("in").GetString() == "header").Select(Name))
        {
            headers[header] = header.Equals("If-Match", StringComparison.OrdinalIgnoreCase) ? "*" : Guid.NewGuid().ToString();
        }

        var validPath = Path(operation.Path, pathParameters.ToDictionary(p => p, _ => Guid.NewGuid().ToString()));
        HttpContent? WellFormedBody() => jsonSchema is null ? null : Json(Sample(jsonSchema.Value, Values.Plain));

        foreach (var parameter in pathParameters)
        {
            foreach (var bad in BadIds)
            {
                var values = pathParameters.ToDictionary(p => p, p => p == parameter ? bad : Guid.NewGuid().ToString());
                yield return new MalformedRequest($"path {parameter}={Shorten(bad)}", method, Path(operation.Path, values, escape: false), WellFormedBody(), headers);
            }
        }

        foreach (var parameter in queryParameters)
        {
            foreach (var bad in BadQueryValues)
            {
                yield return new MalformedRequest($"query {parameter}={Shorten(bad)}", method, $"{validPath}?{parameter}={Uri.EscapeDataString(bad)}", WellFormedBody(), headers);
            }
        }

        foreach (var header in headers.Keys)
        {
            var garbled = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) { [header] = "W/\"x" + new string('x', 9000) };
            yield return new MalformedRequest($"header {header} garbled", method, validPath, WellFormedBody(), garbled);
        }

        if (jsonSchema is not { } schema)
        {
            yield break;
        }

        yield return new MalformedRequest("truncated JSON", method, validPath, Raw("{\"a\": [", "application/json"), headers);
        yield return new MalformedRequest("empty JSON body", method, validPath, Raw(string.Empty, "application/json"), headers);
        yield return new MalformedRequest("an array instead of an object", method, validPath, Raw("[1, 2, 3]", "application/json"), headers);
        yield return new MalformedRequest("wrong content type", method, validPath, Raw("name=x", "text/plain"), headers);
        var plain = Sample(schema, Values.Plain)?.ToJsonString();
        foreach (var values in Enum.GetValues<Values>().Where(v => v != Values.Plain))
        {
            // A body with no field of the kind (no numbers to make negative) is the well-formed one: not a case.
            if (Sample(schema, values) is var sample && sample?.ToJsonString() != plain)
            {
                yield return new MalformedRequest($"every field {values}", method, validPath, Json(sample), headers);
            }
        }
    }

    /// <summary>What the fields of a sample body hold.</summary>
    public enum Values
    {
        Plain,
        WrongTypes,
        NulInStrings,
        BidiOverrideInStrings,
        HugeStrings,
        NegativeNumbers,
        HugeNumbers,
    }

    private const string SampleId = "0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b";

    private JsonNode? Sample(JsonElement schema, Values values, int depth = 0)
    {
        schema = Resolve(schema);
        var type = SchemaType(schema);
        if (depth > 4)
        {
            return null;
        }

        switch (type)
        {
            case "object":
                var node = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        node[property.Name] = Sample(property.Value, values, depth + 1);
                    }
                }

                return values == Values.WrongTypes && depth > 0 ? JsonValue.Create(1) : node;
            case "array":
                var item = schema.TryGetProperty("items", out var items) ? Sample(items, values, depth + 1) : null;
                return values == Values.WrongTypes ? JsonValue.Create("not-an-array") : new JsonArray(item);
            case "integer" or "number":
                return values switch
                {
                    Values.WrongTypes => JsonValue.Create("twelve"),
                    Values.NegativeNumbers => JsonValue.Create(-1),
                    Values.HugeNumbers => JsonNode.Parse("1e308"),
                    _ => JsonValue.Create(1),
                };
            case "boolean":
                return values == Values.WrongTypes ? JsonValue.Create("yes") : JsonValue.Create(true);
            default:
                var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                return values switch
                {
                    Values.WrongTypes => JsonValue.Create(12345),
                    Values.NulInStrings => JsonValue.Create("a\u0000b"),
                    Values.BidiOverrideInStrings => JsonValue.Create("invoice\u202Efdp.exe"),
                    Values.HugeStrings => JsonValue.Create(new string('x', 200_000)),
                    // One id for every sample, so a body with no field of a kind compares equal to the plain one.
                    _ when format == "uuid" => JsonValue.Create(SampleId),
                    _ when format == "email" => JsonValue.Create("someone@example.com"),
                    _ when format == "date-time" => JsonValue.Create("2026-12-03T10:00:00Z"),
                    _ => JsonValue.Create("x"),
                };
        }
    }

    private static string? SchemaType(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            return Resolve(oneOf.EnumerateArray().FirstOrDefault(s => SchemaType(Resolve(s)) != "null"));
        }

        return schema;
    }

    private static JsonElement? JsonBodySchema(OpenApiOperations.Operation operation) =>
        operation.Element.TryGetProperty("requestBody", out var body)
            && body.GetProperty("content").TryGetProperty("application/json", out var json)
            && json.TryGetProperty("schema", out var schema)
            ? schema
            : null;

    private static string Name(JsonElement parameter) => parameter.GetProperty("name").GetString()!;

    private static string Path(string template, IReadOnlyDictionary<string, string> values, bool escape = true)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", escape ? Uri.EscapeDataString(value) : value, StringComparison.Ordinal);
        }

        return template;
    }

    private static StringContent Json(JsonNode? body) => Raw(body?.ToJsonString() ?? "null", "application/json");

    private static StringContent Raw(string body, string contentType) => new(body, Encoding.UTF8, contentType);

    private static string Shorten(string value) => value.Length > 12 ? $"{value[..8]}...({value.Length})" : value.Replace("\0", "\\0", StringComparison.Ordinal);
}
