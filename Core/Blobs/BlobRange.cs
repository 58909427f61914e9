using System.Globalization;

namespace DigitalDelivery.Core.Blobs;

/// <summary>One byte range to download: from <see cref="Offset"/>, <see cref="Length"/> bytes or to the end when null.</summary>
public readonly record struct BlobRange
{
    public BlobRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(length));
        }

        Offset = offset;
        Length = length;
    }

    public long Offset { get; }

    public long? Length { get; }

    /// <summary>The x-ms-range value, e.g. <c>bytes=0-499</c> or <c>bytes=500-</c>.</summary>
    public override string ToString() => Length is { } length
        ? string.Create(CultureInfo.InvariantCulture, $"bytes={Offset}-{Offset + length - 1}")
        : string.Create(CultureInfo.InvariantCulture, $"bytes={Offset}-");
}
