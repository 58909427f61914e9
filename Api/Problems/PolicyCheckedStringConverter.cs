using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Problems;

/// <summary>
/// Applies <see cref="TextPolicy"/> to every string read from a JSON request body, whatever the endpoint, so a NUL
/// or a bidi override is refused (400, invalid-text) before any handler sees it. Writing is unchanged.
/// </summary>
internal sealed class PolicyCheckedStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && TextPolicy.FirstRefused(value) is { } character)
        {
            throw new InvalidTextException(character);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
