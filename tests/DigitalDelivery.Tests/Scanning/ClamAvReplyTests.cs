using DigitalDelivery.Core.Scanning;

namespace DigitalDelivery.Tests.Scanning;

/// <summary>The parsing of clamd's INSTREAM answers, including forms the generated test database never produces.</summary>
public sealed class ClamAvReplyTests
{
    [Theory]
    [InlineData("stream: OK")]
    [InlineData("stream: OK\n")]
    public void OK_is_clean(string reply) => Assert.IsType<ScanResult.Clean>(ClamAvReply.ParseScan(reply));

    [Theory]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", "Win.Test.EICAR_HDB-1")]
    [InlineData("stream: Eicar-Signature FOUND", "Eicar-Signature")]
    [InlineData("stream: Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND", "Win.Test.EICAR_HDB-1")]
    [InlineData("stream: DigitalDelivery.Test.EICAR.UNOFFICIAL FOUND", "DigitalDelivery.Test.EICAR.UNOFFICIAL")]
    public void FOUND_is_infected_with_the_bare_signature_name(string reply, string signature) =>
        Assert.Equal(new ScanResult.Infected(signature), ClamAvReply.ParseScan(reply));

    [Theory]
    [InlineData("INSTREAM size limit exceeded. ERROR", true)]
    [InlineData("stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND", true)]
    [InlineData("stream: Heuristics.Limits.Exceeded.MaxScanTime FOUND", true)]
    [InlineData("stream: Can't allocate memory ERROR", false)]
    [InlineData("COMMAND READ TIMED OUT", false)]
    [InlineData("UNKNOWN COMMAND", false)]
    [InlineData("stream:  FOUND", false)]
    public void Errors_and_limits_are_failed_scans(string reply, bool limitExceeded)
    {
        var failed = Assert.IsType<ScanResult.Failed>(ClamAvReply.ParseScan(reply));

        Assert.Equal(limitExceeded, failed.LimitExceeded);
        Assert.NotEmpty(failed.Reason);
    }

    [Theory]
    [InlineData("ClamAV 1.4.6/27432/Fri Nov 20 09:25:02 2026", "ClamAV 1.4.6", 27432, "Fri Nov 20 09:25:02 2026")]
    [InlineData("ClamAV 1.4.6", "ClamAV 1.4.6", null, null)]
    public void VERSION_answers_are_split_into_engine_and_signature_version(string reply, string engine, int? signatures, string? date) =>
        Assert.Equal(new ClamAvVersion(engine, signatures, date), ClamAvVersion.Parse(reply));
}
