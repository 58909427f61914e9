namespace DigitalDelivery.Core.Catalog.Files;

/// <summary>
/// Detects a file's content type from its first bytes (magic numbers), written by hand because no
/// content-detection library can be obtained from the package mirror here. The bytes decide the family; the
/// extension only picks a member of it (a zip named .docx is a Word document, an executable named .pdf stays an
/// executable). Unknown binary content is application/octet-stream; valid UTF-8 without control characters is text.
/// </summary>
public static class ContentSniffer
{
    /// <summary>Bytes to read before deciding; covers tar's header at offset 257 and the first zip entry's name.</summary>
    public const int HeadLength = 4096;

    public const string OctetStream = "application/octet-stream";

    private static readonly Dictionary<string, string> ZipFamily = new(StringComparer.OrdinalIgnoreCase)
    {
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".epub"] = "application/epub+zip",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".jar"] = "application/java-archive",
        [".apk"] = "application/vnd.android.package-archive",
    };

    private static readonly Dictionary<string, string> TextFamily = new(StringComparer.OrdinalIgnoreCase)
    {
        [".csv"] = "text/csv",
        [".md"] = "text/markdown",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".svg"] = "image/svg+xml",
    };

    public static string Detect(ReadOnlySpan<byte> head, string? extension = null, bool truncated = false)
    {
        if (DetectBinary(head) is { } binary)
        {
            return binary == "application/zip" ? RefineZip(head, extension) : binary;
        }

        if (IsText(head, truncated))
        {
            return extension is not null && TextFamily.TryGetValue(extension, out var text) ? text : "text/plain";
        }

        return OctetStream;
    }

    private static string? DetectBinary(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF-"u8)) return "application/pdf";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return "image/gif";
        if (b.StartsWith("RIFF"u8) && b.Length >= 12)
        {
            if (b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
            if (b[8..12].SequenceEqual("WAVE"u8)) return "audio/wav";
            if (b[8..12].SequenceEqual("AVI "u8)) return "video/x-msvideo";
        }

        if (b.StartsWith("PK\x03\x04"u8) || b.StartsWith("PK\x05\x06"u8) || b.StartsWith("PK\x07\x08"u8)) return "application/zip";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "application/gzip";
        if (b.StartsWith("BZh"u8)) return "application/x-bzip2";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])) return "application/x-xz";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return "application/x-7z-compressed";
        if (b.StartsWith("Rar!\x1A\x07"u8)) return "application/vnd.rar";
        if (b.Length >= 262 && b[257..262].SequenceEqual("ustar"u8)) return "application/x-tar";
        if (b.StartsWith("MZ"u8)) return "application/vnd.microsoft.portable-executable";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])) return "application/x-executable";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
            || b.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])) return "application/x-mach-binary";
        if (b.StartsWith("\0asm"u8)) return "application/wasm";
        if (b.StartsWith("ID3"u8) || (b.Length >= 2 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) != 0)) return "audio/mpeg";
        if (b.StartsWith("OggS"u8)) return "audio/ogg";
        if (b.StartsWith("fLaC"u8)) return "audio/flac";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return "video/webm";
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = b[8..12];
            if (brand.SequenceEqual("M4A "u8) || brand.SequenceEqual("M4B "u8)) return "audio/mp4";
            if (brand.SequenceEqual("qt  "u8)) return "video/quicktime";
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)) return "image/heic";
            return "video/mp4";
        }

        if (b.StartsWith("SQLite format 3\0"u8)) return "application/vnd.sqlite3";
        return null;
    }

    private static string RefineZip(ReadOnlySpan<byte> head, string? extension)
    {
        // EPUB's first entry is an uncompressed file "mimetype" holding "application/epub+zip" (OCF spec).
        if (head.Length >= 58 && head[30..38].SequenceEqual("mimetype"u8) && head[38..58].SequenceEqual("application/epub+zip"u8))
        {
            return "application/epub+zip";
        }

        return extension is not null && ZipFamily.TryGetValue(extension, out var member) ? member : "application/zip";
    }

    private static bool IsText(ReadOnlySpan<byte> head, bool truncated)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        foreach (var c in head)
        {
            if (c < 0x20 && c is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return false;
            }
        }

        if (System.Text.Unicode.Utf8.IsValid(head))
        {
            return true;
        }

        // The head may end in the middle of a multi-byte character.
        for (var cut = 1; truncated && cut <= 3 && cut < head.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
