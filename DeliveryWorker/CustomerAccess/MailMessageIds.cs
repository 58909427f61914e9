using System.Security.Cryptography;
using System.Text;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>A Message-Id that is the same on every delivery of one queue message (it hashes the idempotency key).</summary>
internal static class MailMessageIds
{
    public static string For(string idempotencyKey) =>
        $"<{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..40]}@digitaldelivery.dev>";
}
