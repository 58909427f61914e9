using System.Text.Json.Serialization;
using DigitalDelivery.Core.Deliveries.Alerts;

namespace DigitalDelivery.Api.Alerts;

/// <summary>A rule as it applies to the organization, with its default beside it.</summary>
public sealed record AlertRuleResponse(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("default_threshold")] double DefaultThreshold)
{
    public static AlertRuleResponse From(AlertRule rule) =>
        new(rule.Name, rule.Enabled, rule.Threshold, rule.Unit, AlertRules.Defaults.Single(d => d.Name == rule.Name).Threshold);
}
