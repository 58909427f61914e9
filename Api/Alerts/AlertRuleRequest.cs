using System.Text.Json.Serialization;

namespace DigitalDelivery.Api.Alerts;

/// <summary>An organization's setting of one rule; a missing field keeps the rule's current value.</summary>
public sealed record AlertRuleRequest(
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("threshold")] double? Threshold);
