using System.Text;
using System.Text.RegularExpressions;

namespace DigitalDelivery.LocalServers;

/// <summary>
/// A message as the SMTP server stored it: headers and the decoded text of a single-part body (base64,
/// quoted-printable or plain). Enough for the plain-text mail the product sends; not a general MIME parser.
/// </summary>
public sealed partial class ReceivedMail
{
    private ReceivedMail(IReadOnlyDictionary<string, string> headers, string body)
    {
        Headers = headers;
        Body = body;
    }

    public IReadOnlyDictionary<string, string> Headers { get; }
    public string Body { get; }

    public string Subject => DecodeWords(Header("Subject"));
    public string To => Header("To");
    public string MessageId => Header("Message-Id");

    /// <summary>aiosmtpd's Mailbox handler records the envelope recipients in X-RcptTo.</summary>
    public bool IsFor(string recipient) =>
        Header("X-RcptTo").Contains(recipient, StringComparison.OrdinalIgnoreCase) || To.Contains(recipient, StringComparison.OrdinalIgnoreCase);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

    public static ReceivedMail Parse(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? string.Empty : text[(split + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        var encoding = headers.TryGetValue("Content-Transfer-Encoding", out var cte) ? cte.Trim().ToLowerInvariant() : "7bit";
        var decoded = encoding switch
        {
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => body,
        };
        return new ReceivedMail(headers, decoded.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static string DecodeQuotedPrintable(string body)
    {
        var joined = body.Replace("=\n", string.Empty, StringComparison.Ordinal);
        var bytes = new List<byte>(joined.Length);
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>RFC 2047 encoded words (=?utf-8?B?...?= and =?utf-8?Q?...?=), as in a non-ASCII subject.</summary>
    private static string DecodeWords(string value) => EncodedWord().Replace(BetweenWords().Replace(value, "?==?"), match =>
    {
        var payload = match.Groups["text"].Value;
        return match.Groups["enc"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(payload))
            : DecodeQuotedPrintable(payload.Replace('_', ' '));
    });

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?[^?]+\?(?<enc>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}
