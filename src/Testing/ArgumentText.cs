using System.Collections;
using System.Globalization;
using System.Text;

namespace JobGen.Testing;

/// <summary>Argument values as failure messages show them: C#-like literals, invariant culture, collections in brackets.</summary>
public static class ArgumentText
{
    private const int MaxElements = 20;

    /// <summary>A readable text of <paramref name="value"/>.</summary>
    public static string Format<T>(T value) => FormatObject(value);

    /// <summary><c>Name(a: 1, b: "x")</c> from the job's name and its named argument texts; arguments with a null text are left out.</summary>
    public static string Call(string name, params ReadOnlySpan<(string Name, string? Text)> arguments)
    {
        var sb = new StringBuilder(name).Append('(');
        var first = true;
        foreach (var (argument, text) in arguments)
        {
            if (text is not null)
            {
                sb.Append(first ? "" : ", ").Append(argument).Append(": ").Append(text);
                first = false;
            }
        }

        return sb.Append(')').ToString();
    }

    private static string FormatObject(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return Quote(s);
            case char c:
                return "'" + c + "'";
            case bool b:
                return b ? "true" : "false";
            case DateTime d:
                return d.ToString("O", CultureInfo.InvariantCulture) + " (" + d.Kind + ")";
            case DateTimeOffset d:
                return d.ToString("O", CultureInfo.InvariantCulture);
            case byte[] bytes:
                return "0x" + Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 64))) + (bytes.Length > 64 ? "..." : "");
            case IDictionary dictionary:
                return Join(dictionary.Cast<DictionaryEntry>().Select(e => FormatObject(e.Key) + " = " + FormatObject(e.Value)), "{ ", " }");
            case IEnumerable sequence:
                return Join(sequence.Cast<object?>().Select(FormatObject), "[", "]");
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return value.ToString() ?? value.GetType().Name;
        }
    }

    private static string Join(IEnumerable<string> items, string open, string close)
    {
        var list = items.Take(MaxElements + 1).ToList();
        var more = list.Count > MaxElements ? ", ..." : "";
        return open + string.Join(", ", list.Take(MaxElements)) + more + close;
    }

    // Control characters and lone surrogates are escaped, so a value that changes in encoding shows how.
    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var lone = char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]));
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || lone => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
