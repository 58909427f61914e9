using System.Text.Json;

namespace DigitalDelivery.Api.Problems;

/// <summary>A JSON string the <see cref="TextPolicy"/> refuses; System.Text.Json adds the field's path.</summary>
public sealed class InvalidTextException(string character)
    : JsonException($"The value contains the character {character}, which is not accepted in text.")
{
    public string Character { get; } = character;
}
