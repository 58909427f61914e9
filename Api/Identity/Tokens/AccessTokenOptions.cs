namespace DigitalDelivery.Api.Identity.Tokens;

/// <summary>Settings of the token service (configuration section "Tokens").</summary>
public sealed class AccessTokenOptions
{
    public const string Section = "Tokens";

    public string Issuer { get; set; } = "https://digitaldelivery.dev";
    public string Audience { get; set; } = "digitaldelivery-api";
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan UserTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a key signs before the next one takes over.</summary>
    public TimeSpan SigningKeyRotation { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long before taking over the next key is published (longer than any cache of the key set).</summary>
    public TimeSpan SigningKeyPrePublication { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long the key set is cached by each instance.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A retired key validates for this long after it stops signing: the longest token plus skew.</summary>
    public TimeSpan ValidationOverlap => (ClientTokenLifetime > UserTokenLifetime ? ClientTokenLifetime : UserTokenLifetime) + ClockSkew + TimeSpan.FromMinutes(1);
}
