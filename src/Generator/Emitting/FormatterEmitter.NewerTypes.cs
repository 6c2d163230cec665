using JobGen.Generator.Parsing;

namespace JobGen.Generator.Emitting;

/// <summary>
/// Formatters of the argument types added after the first list (encodings in docs/wire-format-arguments.md):
/// plain MessagePackWriter/Reader calls, no reflection, so they run under Native AOT like the others.
/// </summary>
internal sealed partial class FormatterEmitter
{
    private const string BinaryPrimitives = "global::System.Buffers.Binary.BinaryPrimitives";

    private static (string Write, string Read)? NewerSimple(ArgumentTypeModel type) => type.Kind switch
    {
        ArgumentTypeKind.DateOnly => ("writer.Write(value.DayNumber)", "global::System.DateOnly.FromDayNumber(reader.ReadInt32())"),
        ArgumentTypeKind.TimeOnly => ("writer.Write(value.Ticks)", "new global::System.TimeOnly(reader.ReadInt64())"),
        ArgumentTypeKind.Half => ("writer.Write((float)value)", "(global::System.Half)reader.ReadSingle()"),
        _ => null,
    };

    private bool WriteNewerBody(SourceWriter w, ArgumentTypeModel type)
    {
        switch (type.Kind)
        {
            case ArgumentTypeKind.Int128:
            case ArgumentTypeKind.UInt128:
                w.Line("writer.WriteBinHeader(16);");
                w.Line($"{BinaryPrimitives}.Write{type.Kind}BigEndian(writer.GetSpan(16), value);");
                w.Line("writer.Advance(16);");
                return true;
            case ArgumentTypeKind.Uri:
                w.Line("writer.Write(value.OriginalString);");
                return true;
            case ArgumentTypeKind.Version:
                w.Line("writer.Write(value.ToString());");
                return true;
            case ArgumentTypeKind.ImmutableArray:
                w.Open("if (value.IsDefault)").Line("writer.WriteNil();").Line("return;").Close().Line();
                w.Line("var count = value.Length;");
                w.Line("writer.WriteArrayHeader(count);");
                w.Open("for (var i = 0; i < count; i++)").Line(WriteCall(type.ElementName, "writer", "value[i]")).Close();
                return true;
            default:
                return false;
        }
    }

    private bool ReadNewerBody(SourceWriter w, ArgumentTypeModel type)
    {
        switch (type.Kind)
        {
            case ArgumentTypeKind.Int128:
            case ArgumentTypeKind.UInt128:
                w.Line($"var sequence = reader.ReadBytes() ?? throw new {EmitNames.SerializationException}(\"A 128-bit integer cannot be nil.\");");
                w.Open("if (sequence.Length != 16)").Line($"throw new {EmitNames.SerializationException}(\"A 128-bit integer is 16 bytes.\");").Close();
                w.Line("global::System.Span<byte> bytes = stackalloc byte[16];");
                w.Line("global::System.Buffers.BuffersExtensions.CopyTo(sequence, bytes);");
                w.Line($"return {BinaryPrimitives}.Read{type.Kind}BigEndian(bytes);");
                return true;
            case ArgumentTypeKind.Uri:
                w.Line($"return new global::System.Uri(reader.ReadString() ?? throw new {EmitNames.SerializationException}(\"A Uri is a string.\"), global::System.UriKind.RelativeOrAbsolute);");
                return true;
            case ArgumentTypeKind.Version:
                w.Line($"return global::System.Version.Parse(reader.ReadString() ?? throw new {EmitNames.SerializationException}(\"A Version is a string.\"));");
                return true;
            case ArgumentTypeKind.ImmutableArray:
                w.Open("if (reader.TryReadNil())").Line("return default;").Close().Line();
                w.Line("var count = reader.ReadArrayHeader();");
                w.Line($"var builder = global::System.Collections.Immutable.ImmutableArray.CreateBuilder<{type.ElementTypeName}>(count);");
                w.Open("for (var i = 0; i < count; i++)").Line($"builder.Add({ReadCall(type.ElementName, "reader")});").Close();
                w.Line();
                w.Line("return builder.MoveToImmutable();");
                return true;
            default:
                return false;
        }
    }
}
