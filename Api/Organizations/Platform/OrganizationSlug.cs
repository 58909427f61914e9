using System.Text.RegularExpressions;

namespace DigitalDelivery.Api.Organizations.Platform;

/// <summary>The one rule for slugs, shared by the platform API and the command line.</summary>
public static partial class OrganizationSlug
{
    public const string Pattern = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";
    public const string Rule = "slug must be 1-64 lower-case letters, digits and hyphens, starting and ending with a letter or digit.";

    public static bool IsValid(string? slug) => slug is not null && SlugRegex().IsMatch(slug);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();
}
