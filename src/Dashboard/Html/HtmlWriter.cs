using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace JobGen.Dashboard.Html;

/// <summary>
/// Builds one HTML page. <see cref="Raw"/> takes only markup written in this assembly (tags and constant text);
/// every value from the storage, the catalog or the request goes through <see cref="Text(string?)"/> or
/// <see cref="Attr"/>, which HTML-encode it, so a job argument that contains markup shows as text.
/// </summary>
internal sealed class HtmlWriter
{
    // Every script of the world stays readable; only what HTML needs (&lt; &gt; &amp; quotes ...) is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _buffer = new(16 * 1024);

    /// <summary>Markup from this assembly's own constants.</summary>
    public HtmlWriter Raw(string markup)
    {
        _buffer.Append(markup);
        return this;
    }

    /// <summary>Text content, encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _buffer.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary>A number, invariant with group separators.</summary>
    public HtmlWriter Number(long value) => Raw(value.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>An attribute with an encoded value: <c> name="value"</c>.</summary>
    public HtmlWriter Attr(string name, string? value)
    {
        _buffer.Append(' ').Append(name).Append("=\"");
        if (!string.IsNullOrEmpty(value))
        {
            _buffer.Append(Encoder.Encode(value));
        }

        _buffer.Append('"');
        return this;
    }

    /// <summary><c>&lt;tag class="cls"&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? cssClass, string? text)
    {
        Raw("<").Raw(tag);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        return Raw(">").Text(text).Raw("</").Raw(tag).Raw(">");
    }

    /// <summary>A link with encoded href and text.</summary>
    public HtmlWriter Link(string href, string? text, string? cssClass = null)
    {
        Raw("<a").Attr("href", href);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        return Raw(">").Text(text).Raw("</a>");
    }

    /// <summary>A hidden form field.</summary>
    public HtmlWriter Hidden(string name, string? value) => Raw("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Raw(">");

    public override string ToString() => _buffer.ToString();
}
