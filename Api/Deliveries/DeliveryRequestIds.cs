using System.Security.Cryptography;
using System.Text;

namespace DigitalDelivery.Api.Deliveries;

/// <summary>
/// A delivery request's id is its event id. With an idempotency key it is derived from (organization, key), so two
/// concurrent submissions of one key collide on the deliveries' (destination, event) unique index instead of
/// delivering twice; without one it is a new version 7 id.
/// </summary>
internal static class DeliveryRequestIds
{
    public static Guid For(Guid organizationId, string? idempotencyKey, DateTimeOffset now)
    {
        if (idempotencyKey is null)
        {
            return Guid.CreateVersion7(now);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{organizationId:N}:{idempotencyKey}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        // RFC 9562 version 8 (custom) and the RFC variant, so the id reads as what it is.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
