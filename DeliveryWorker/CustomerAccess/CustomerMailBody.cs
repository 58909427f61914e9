using System.Text;
using System.Text.Encodings.Web;

namespace DigitalDelivery.DeliveryWorker.CustomerAccess;

/// <summary>
/// Writes a customer mail's content once into both parts, plain text and HTML. Every value goes through the HTML
/// encoder: customer names, file and product names and license keys come from customers and merchants.
/// </summary>
public sealed class CustomerMailBody
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public string Text => _text.ToString();

    public string Html => $"<!DOCTYPE html>\r\n<html><body>\r\n{_html}</body></html>\r\n";

    public CustomerMailBody Paragraph(string text)
    {
        _text.Append(text).Append("\r\n\r\n");
        _html.Append("<p>").Append(Encode(text)).Append("</p>\r\n");
        return this;
    }

    /// <summary>A line of text followed by a link that shows its own address (customers may copy it).</summary>
    public CustomerMailBody Link(string text, string url)
    {
        _text.Append(text).Append("\r\n").Append(url).Append("\r\n\r\n");
        _html.Append("<p>").Append(Encode(text)).Append("<br>\r\n<a href=\"").Append(Encode(url)).Append("\">")
            .Append(Encode(url)).Append("</a></p>\r\n");
        return this;
    }

    public CustomerMailBody List(string heading, IEnumerable<string> items)
    {
        _text.Append(heading).Append("\r\n");
        _html.Append("<p>").Append(Encode(heading)).Append("</p>\r\n<ul>\r\n");
        foreach (var item in items)
        {
            _text.Append("  - ").Append(item).Append("\r\n");
            _html.Append("<li>").Append(Encode(item)).Append("</li>\r\n");
        }

        _text.Append("\r\n");
        _html.Append("</ul>\r\n");
        return this;
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
