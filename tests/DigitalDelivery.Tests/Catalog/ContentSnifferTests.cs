using System.Text;
using DigitalDelivery.Core.Catalog.Files;

namespace DigitalDelivery.Tests.Catalog;

public sealed class ContentSnifferTests
{
    public static TheoryData<string, string, string> Samples => new()
    {
        // hex or text of the first bytes, extension, expected type
        { "255044462D312E37", ".pdf", "application/pdf" },
        { "89504E470D0A1A0A0000", ".png", "image/png" },
        { "FFD8FFE000104A46", ".jpg", "image/jpeg" },
        { "474946383961", ".gif", "image/gif" },
        { "504B030414000000", ".zip", "application/zip" },
        { "504B030414000000", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "504B030414000000", ".pdf", "application/zip" },
        { "1F8B0800", ".gz", "application/gzip" },
        { "4D5A90000300", ".pdf", "application/vnd.microsoft.portable-executable" },
        { "7F454C46020101", ".txt", "application/x-executable" },
        { "494433040000", ".mp3", "audio/mpeg" },
        { "FFFB9064", ".mp3", "audio/mpeg" },
        { "0000001C6674797069736F6D", ".mp4", "video/mp4" },
        { "000000206674797071742020", ".mov", "video/quicktime" },
        { "0001020304", ".bin", "application/octet-stream" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_content_type_comes_from_the_bytes_and_the_extension_only_picks_within_a_family(string hex, string extension, string expected)
    {
        Assert.Equal(expected, ContentSniffer.Detect(Convert.FromHexString(hex), extension));
    }

    [Fact]
    public void Tar_epub_and_text_are_recognised()
    {
        var tar = new byte[512];
        Encoding.ASCII.GetBytes("ustar").CopyTo(tar, 257);
        var epub = new byte[64];
        Encoding.ASCII.GetBytes("PK\x03\x04").CopyTo(epub, 0);
        Encoding.ASCII.GetBytes("mimetypeapplication/epub+zip").CopyTo(epub, 30);

        Assert.Equal("application/x-tar", ContentSniffer.Detect(tar, ".tar"));
        Assert.Equal("application/epub+zip", ContentSniffer.Detect(epub, ".zip"));
        Assert.Equal("text/csv", ContentSniffer.Detect("a,b\n1,2\n"u8, ".csv"));
        Assert.Equal("text/plain", ContentSniffer.Detect("Grüße\n"u8, ".exe"));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\temp\\a.txt", "a.txt")]
    [InlineData("  ..  ", "file")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("a<b>c:d\"e|f?g*h.pdf", "a_b_c_d_e_f_g_h.pdf")]
    [InlineData("line\r\nbreak\t.txt", "linebreak.txt")]
    [InlineData("evil\u202Etxt.exe", "eviltxt.exe")]
    [InlineData(null, "file")]
    public void File_names_are_sanitised(string? name, string expected)
    {
        Assert.Equal(expected, FileNames.Sanitize(name));
    }

    [Fact]
    public void Long_file_names_are_cut_keeping_the_extension()
    {
        var name = FileNames.Sanitize(new string('x', 500) + ".epub");

        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith(".epub", name, StringComparison.Ordinal);
    }
}
