extern alias api;

using api::DigitalDelivery.Api.Problems;

namespace DigitalDelivery.Tests.Problems;

public sealed class TextPolicyTests
{
    [Theory]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("escape\u001B[31m", "U+001B")]
    [InlineData("del\u007F", "U+007F")]
    [InlineData("evil\u202Egnp.exe", "U+202E")]
    [InlineData("isolate\u2066x\u2069", "U+2066")]
    public void A_control_or_bidi_override_character_is_refused_and_named(string value, string expected) =>
        Assert.Equal(expected, TextPolicy.FirstRefused(value));

    [Theory]
    [InlineData("Plain name")]
    [InlineData("Tab\tand\r\nline breaks")]
    [InlineData("Café, 日本語, עברית, emoji 🎧")]
    [InlineData("")]
    public void Ordinary_text_in_any_script_is_accepted(string value) =>
        Assert.Null(TextPolicy.FirstRefused(value));
}
