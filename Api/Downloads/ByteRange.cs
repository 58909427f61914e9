using System.Globalization;

namespace DigitalDelivery.Api.Downloads;

/// <summary>An inclusive, satisfiable byte range of a file: bytes <see cref="From"/> to <see cref="To"/>.</summary>
internal readonly record struct ByteRange(long From, long To)
{
    public long Length => To - From + 1;

    /// <summary>The Content-Range value, e.g. <c>bytes 0-99/1234</c>.</summary>
    public string ContentRange(long size) => string.Create(CultureInfo.InvariantCulture, $"bytes {From}-{To}/{size}");
}
