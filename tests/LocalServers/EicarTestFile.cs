using System.Text;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// The EICAR anti-virus test file: 68 printable bytes that every scanner is meant to detect, harmless by design.
/// It is written in two halves so that a developer's own virus scanner does not quarantine this source file.
/// </summary>
public static class EicarTestFile
{
    private const string FirstHalf = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$";
    private const string SecondHalf = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public const int Length = 68;

    public static byte[] Bytes() => Encoding.ASCII.GetBytes(FirstHalf + SecondHalf);
}
