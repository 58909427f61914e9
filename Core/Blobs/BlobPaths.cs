using System.Text.RegularExpressions;

namespace DigitalDelivery.Core.Blobs;

/// <summary>Validates container and blob names and escapes blob names for request paths.</summary>
internal static partial class BlobPaths
{
    public const int MaxBlobNameLength = 1024;

    public static void ValidateContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!ContainerName().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{container}' is not a valid container name: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(container));
        }
    }

    public static void ValidateBlobName(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        if (blobName.Length is 0 or > MaxBlobNameLength)
        {
            throw new ArgumentException($"A blob name must be 1-{MaxBlobNameLength} characters long.", nameof(blobName));
        }

        // "." and ".." segments would be collapsed by URI normalization and address a different blob.
        if (blobName.Split('/').Any(segment => segment is "." or "..") || blobName.Any(char.IsControl))
        {
            throw new ArgumentException($"'{blobName}' is not a valid blob name: no '.' or '..' segments and no control characters.", nameof(blobName));
        }
    }

    /// <summary>Percent-encodes each '/'-separated segment, keeping the slashes as virtual directory separators.</summary>
    public static string Escape(string blobName) => string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}
