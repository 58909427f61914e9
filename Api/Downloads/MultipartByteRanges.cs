using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DigitalDelivery.Api.Downloads;

/// <summary>
/// The framing of a multipart/byteranges body (RFC 9110 section 14.6): each part is a boundary line, Content-Type and
/// Content-Range headers and the bytes; a closing boundary ends it. Framing is computed up front so the response
/// carries an exact Content-Length.
/// </summary>
internal sealed class MultipartByteRanges
{
    private readonly string _contentType;
    private readonly long _size;

    public MultipartByteRanges(string contentType, long size)
    {
        _contentType = contentType;
        _size = size;
        Boundary = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    }

    public string Boundary { get; }

    public string ContentType => "multipart/byteranges; boundary=" + Boundary;

    public byte[] PartHeader(ByteRange range) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"\r\n--{Boundary}\r\nContent-Type: {_contentType}\r\nContent-Range: {range.ContentRange(_size)}\r\n\r\n"));

    public byte[] Closing() => Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");

    public long ContentLength(IReadOnlyList<ByteRange> ranges) =>
        ranges.Sum(r => PartHeader(r).Length + r.Length) + Closing().Length;
}
