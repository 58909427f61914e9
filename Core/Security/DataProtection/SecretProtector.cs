using Microsoft.AspNetCore.DataProtection;

namespace DigitalDelivery.Core.Security.DataProtection;

/// <summary>
/// Encrypts secrets the product must be able to read back (webhook signing secrets, SMTP passwords) with the
/// shared Data Protection key ring, so any instance of any service can decrypt them. Each kind of secret names
/// its own purpose, which keeps one kind from being decrypted as another. Store the result; never log either side.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    public string Protect(string purpose, string secret) => Protector(purpose).Protect(secret);

    public string Unprotect(string purpose, string protectedSecret) => Protector(purpose).Unprotect(protectedSecret);

    private IDataProtector Protector(string purpose) => provider.CreateProtector("DigitalDelivery.Secrets", purpose);
}
