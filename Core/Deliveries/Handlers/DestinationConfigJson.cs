using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Core.Deliveries.Handlers;

/// <summary>
/// Reads and writes destinations' settings: snake_case names, and an unknown field is an error rather than silently
/// ignored, so a typo such as <c>contianer</c> is reported instead of delivering somewhere unexpected.
/// </summary>
public static class DestinationConfigJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The settings as <typeparamref name="T"/>, or null with the reason under <c>config</c>.</summary>
    public static T? Parse<T>(JsonElement config, IDictionary<string, string[]> errors) where T : class
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            errors["config"] = ["config must be an object with the destination type's settings."];
            return null;
        }

        try
        {
            return config.Deserialize<T>(Options) ?? throw new JsonException("config is empty.");
        }
        catch (JsonException ex)
        {
            // System.Text.Json names the field (and the unknown member) without echoing values.
            errors["config"] = [ex.Message];
            return null;
        }
    }

    public static string Serialize(object config) => JsonSerializer.Serialize(config, config.GetType(), Options);

    public static T Read<T>(string json) where T : class =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("A stored destination has no settings.");
}
