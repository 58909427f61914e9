using System.Buffers.Binary;
using System.Buffers.Text;
using DigitalDelivery.Core.Messaging.DeadLetters;

namespace DigitalDelivery.Api.Operations;

/// <summary>
/// The list's <c>next</c>/<c>after</c> cursor as an opaque base64url string (the position's time and id), so clients
/// pass it back without building it and the keyset behind it can change. A cursor that does not decode is a 400.
/// </summary>
public static class DeadLetterCursorCodec
{
    private const int Length = sizeof(long) + 16;

    /// <summary>Longer input is refused before it is looked at; a valid cursor is 32 characters.</summary>
    private const int MaxEncodedLength = 64;

    public static string Encode(DeadLetterCursor cursor)
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, cursor.DeadLetteredAt.UtcTicks);
        cursor.Id.TryWriteBytes(bytes[sizeof(long)..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string value, out DeadLetterCursor? cursor)
    {
        cursor = null;
        // IsValid first: decoding throws on characters outside base64url or a length no encoding has.
        if (value.Length > MaxEncodedLength || !Base64Url.IsValid(value, out var decodedLength) || decodedLength != Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (!Base64Url.TryDecodeFromChars(value, bytes, out var written) || written != Length)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new DeadLetterCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[sizeof(long)..], bigEndian: true));
        return true;
    }
}
