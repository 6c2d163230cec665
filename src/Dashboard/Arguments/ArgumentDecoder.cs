using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MessagePack;

namespace JobGen.Dashboard.Arguments;

/// <summary>One argument as the dashboard shows it.</summary>
/// <param name="Name">The parameter's name from the catalog, or "#1", "#2" ... for a job this app does not know.</param>
/// <param name="Type">The parameter's C# type from the catalog, or the MessagePack type.</param>
/// <param name="Value">The value as text (the page encodes it).</param>
internal sealed record DecodedArgument(string Name, string Type, string Value);

/// <summary>
/// Turns a job's argument bytes (a MessagePack array, docs/wire-format-arguments.md) into text without running any
/// job code: the catalog gives each element its parameter name and type, which decides how Guid, DateTime,
/// DateTimeOffset, TimeSpan, DateOnly, TimeOnly, Int128 and UInt128 read; anything else, and every argument of an
/// unknown job, is shown generically.
/// </summary>
internal static class ArgumentDecoder
{
    private const int MaxDepth = 8;
    private const int MaxLength = 4000;
    private const string Sensitive = "[sensitive]";

    public static IReadOnlyList<DecodedArgument> Decode(ReadOnlyMemory<byte> arguments, JobDescriptor? job, out string? problem)
    {
        problem = null;
        var result = new List<DecodedArgument>();
        try
        {
            var reader = new MessagePackReader(arguments);
            var count = reader.ReadArrayHeader();
            for (var i = 0; i < count; i++)
            {
                var parameter = job is not null && i < job.Parameters.Count ? job.Parameters[i] : null;
                var type = parameter is null ? null : Html.Format.TypeName(parameter.Type);
                var text = new StringBuilder();
                var wireType = reader.NextMessagePackType.ToString().ToLowerInvariant();
                if (parameter?.Sensitive == true)
                {
                    reader.Skip(); // ciphertext, or a plain value written before the argument became [Sensitive]: never shown
                    text.Append(Sensitive);
                }
                else
                {
                    WriteTyped(ref reader, type, text);
                }

                result.Add(new DecodedArgument(parameter?.Name ?? "#" + (i + 1).ToString(CultureInfo.InvariantCulture), type ?? wireType, Clip(text)));
            }

            if (!reader.End)
            {
                problem = "Bytes follow the argument list.";
            }
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            problem = "The arguments do not decode: " + ex.Message;
        }

        return result;
    }

    /// <summary>A one-line summary for tables: <c>userId: 42, locale: "en"</c>.</summary>
    public static string Summary(ReadOnlyMemory<byte> arguments, JobDescriptor? job)
    {
        var decoded = Decode(arguments, job, out var problem);
        if (problem is not null && decoded.Count == 0)
        {
            return "(undecodable arguments)";
        }

        var text = string.Join(", ", decoded.Select(a => a.Name + ": " + a.Value));
        return text.Length > 160 ? text[..157] + "…" : text;
    }

    private static string Clip(StringBuilder text) => text.Length > MaxLength ? text.ToString(0, MaxLength) + "…" : text.ToString();

    private static void WriteTyped(ref MessagePackReader reader, string? type, StringBuilder text)
    {
        var bare = type?.TrimEnd('?');
        if (reader.NextMessagePackType == MessagePackType.Nil || bare is null)
        {
            WriteAny(ref reader, text, 0);
            return;
        }

        switch (bare)
        {
            case "System.Guid" when reader.NextMessagePackType == MessagePackType.Binary:
                var bytes = reader.ReadBytes()!.Value.ToArray();
                text.Append(bytes.Length == 16 ? new Guid(bytes, bigEndian: true).ToString() : Hex(bytes));
                return;
            case "System.DateTime" when reader.NextMessagePackType == MessagePackType.Integer:
                var raw = reader.ReadInt64();
                var kind = (DateTimeKind)((ulong)raw >> 62);
                var ticks = raw & 0x3FFF_FFFF_FFFF_FFFF;
                text.Append(new DateTime(ticks, kind).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)).Append(" (").Append(kind).Append(')');
                return;
            case "System.DateTimeOffset" when reader.NextMessagePackType == MessagePackType.Array:
                var peek = reader.CreatePeekReader();
                if (peek.ReadArrayHeader() == 2)
                {
                    reader.ReadArrayHeader();
                    var local = reader.ReadInt64();
                    var offset = TimeSpan.FromMinutes(reader.ReadInt16());
                    text.Append(new DateTimeOffset(local, offset).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", CultureInfo.InvariantCulture));
                    return;
                }

                break;
            case "System.TimeSpan" when reader.NextMessagePackType == MessagePackType.Integer:
                text.Append(TimeSpan.FromTicks(reader.ReadInt64()).ToString("c", CultureInfo.InvariantCulture));
                return;
            case "System.DateOnly" when reader.NextMessagePackType == MessagePackType.Integer:
                var day = reader.ReadInt64();
                if (day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber)
                {
                    text.Append(DateOnly.FromDayNumber((int)day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(day.ToString(CultureInfo.InvariantCulture)); // not a day: shown as the number it is
                }

                return;
            case "System.TimeOnly" when reader.NextMessagePackType == MessagePackType.Integer:
                var timeTicks = reader.ReadInt64();
                text.Append(timeTicks >= 0 && timeTicks <= TimeOnly.MaxValue.Ticks
                    ? new TimeOnly(timeTicks).ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
                    : timeTicks.ToString(CultureInfo.InvariantCulture));
                return;
            case "System.Int128" or "System.UInt128" when reader.NextMessagePackType == MessagePackType.Binary:
                var wide = reader.ReadBytes()!.Value.ToArray();
                if (wide.Length != 16)
                {
                    text.Append(Hex(wide));
                }
                else if (bare == "System.Int128")
                {
                    text.Append(BinaryPrimitives.ReadInt128BigEndian(wide).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(BinaryPrimitives.ReadUInt128BigEndian(wide).ToString(CultureInfo.InvariantCulture));
                }

                return;
        }

        WriteAny(ref reader, text, 0);
    }

    private static void WriteAny(ref MessagePackReader reader, StringBuilder text, int depth)
    {
        if (depth > MaxDepth || text.Length > MaxLength)
        {
            reader.Skip();
            text.Append('…');
            return;
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                text.Append("null");
                break;
            case MessagePackType.Boolean:
                text.Append(reader.ReadBoolean() ? "true" : "false");
                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    text.Append(reader.ReadUInt64().ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(reader.ReadInt64().ToString(CultureInfo.InvariantCulture));
                }

                break;
            case MessagePackType.Float:
                text.Append(reader.ReadDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case MessagePackType.String:
                Quote(reader.ReadString(), text);
                break;
            case MessagePackType.Binary:
                text.Append(Hex(reader.ReadBytes()!.Value.ToArray()));
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                text.Append('[');
                for (var i = 0; i < items; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    WriteAny(ref reader, text, depth + 1);
                }

                text.Append(']');
                break;
            case MessagePackType.Map:
                var pairs = reader.ReadMapHeader();
                text.Append('{');
                for (var i = 0; i < pairs; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    WriteAny(ref reader, text, depth + 1);
                    text.Append(": ");
                    WriteAny(ref reader, text, depth + 1);
                }

                text.Append('}');
                break;
            case MessagePackType.Extension:
                var header = reader.ReadExtensionFormatHeader();
                reader.ReadRaw(header.Length);
                if (header.TypeCode == SensitiveArguments.ExtensionType)
                {
                    text.Append(Sensitive); // an encrypted [Sensitive] member (docs/security.md)
                    break;
                }

                text.Append("ext(").Append(header.TypeCode).Append(", ").Append(header.Length).Append(" bytes)");
                break;
            default:
                reader.Skip();
                text.Append('?');
                break;
        }
    }

    private static void Quote(string? value, StringBuilder text)
    {
        if (value is null)
        {
            text.Append("null");
            return;
        }

        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    private static string Hex(byte[] bytes) =>
        "0x" + Convert.ToHexStringLower(bytes.AsSpan(0, Math.Min(bytes.Length, 64))) + (bytes.Length > 64 ? "… (" + bytes.Length.ToString(CultureInfo.InvariantCulture) + " bytes)" : string.Empty);
}
